/**
 * Coding agents' turns: a checkpoint (snapshot, source {@code agent}) before and after each turn,
 * taken by the agent's hooks, linked to the imported conversation; rewinding a turn; and the
 * agents' own settings files (hooks and MCP server entries), edited without disturbing the rest.
 */
package dev.omni.core.agent;
