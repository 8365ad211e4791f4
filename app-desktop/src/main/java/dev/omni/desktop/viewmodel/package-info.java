/**
 * View models: the state and actions of each screen as properties, tested without the FX toolkit; they call core
 * and sync-client use cases.
 */
package dev.omni.desktop.viewmodel;
