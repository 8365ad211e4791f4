/**
 * One ranked search across memory, messages and file paths. Owns the index of file paths
 * ({@code search_paths}).
 */
package dev.omni.core.search;
