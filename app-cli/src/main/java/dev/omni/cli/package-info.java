/**
 * The {@code omni} command: the entry point and registry of commands ({@link dev.omni.cli.Main}), the run's context,
 * exit codes, and the remedies the command line words for core's typed errors.
 */
package dev.omni.cli;
