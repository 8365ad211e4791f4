/**
 * What commands share for output: views as JSON, styles, progress bars, the graph of history, the editor.
 */
package dev.omni.cli.support;
