/**
 * The searches every front end calls: across memory, messages and file paths, or of one kind, by
 * words (FTS5, BM25), by meaning (the semantic index) or both fused ({@link dev.omni.core.search.Fusion}).
 * Owns the index of file paths ({@code search_paths}).
 */
package dev.omni.core.search;
