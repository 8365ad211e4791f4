/**
 * One small class per subcommand; each calls core or sync-client use cases and prints the result.
 */
package dev.omni.cli.commands;
