/**
 * The user's settings in {@code config.toml}.
 */
package dev.omni.core.config;
