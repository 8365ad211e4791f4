/**
 * The JavaFX views: scene graph, bindings to the view models, keys.
 */
package dev.omni.desktop.view;
