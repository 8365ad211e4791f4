/**
 * What the app uses of the machine: the login accounts, the daemon process, the desktop's theme.
 */
package dev.omni.desktop.app;
