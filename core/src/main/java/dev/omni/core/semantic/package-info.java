/**
 * The semantic index: an embedding model run in-process (ONNX Runtime, a model from a Maven artifact,
 * loaded on first use), the vectors of memory items and message chunks in the local store (never
 * synced), and the nearest-neighbour search over them (an exact scan, an HNSW graph when large).
 */
package dev.omni.core.semantic;
