/**
 * omni's Model Context Protocol server over stdio: tools and resources that are thin wrappers over
 * core's use cases (the same the {@code omni} command calls), for coding agents.
 */
package dev.omni.mcp;
