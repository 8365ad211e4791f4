/**
 * The desktop app's entry points: the JavaFX application and its launcher.
 */
package dev.omni.desktop;
