/**
 * The searches every front end calls: across memory, messages and file paths, or of one kind, by
 * words (FTS5, BM25), by meaning (the semantic index) or both fused ({@link dev.omni.core.search.Fusion}).
 */
package dev.omni.core.search;
