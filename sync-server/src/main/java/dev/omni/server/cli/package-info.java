/**
 * The {@code omni-server} command: {@code serve}, the {@code user} admin commands and {@code verify}.
 */
package dev.omni.server.cli;
