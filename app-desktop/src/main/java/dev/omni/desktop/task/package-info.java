/**
 * Background work for view models: the task executor (JavaFX and synchronous), progress, cancellation, and
 * errors as one line (with the app's remedies).
 */
package dev.omni.desktop.task;
