/**
 * Conversations with AI agents: transcript parsers (Claude Code, Codex, Aider, JSON), import and scan, search,
 * export. Owns the {@code conversations}, {@code messages} and {@code transcript_files} tables.
 */
package dev.omni.core.conversation;
