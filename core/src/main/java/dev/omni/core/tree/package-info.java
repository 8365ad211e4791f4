/**
 * Trees as omni reads them: stored trees ({@link dev.omni.core.tree.TreeSource}, manifests) and working copies
 * (the parallel scanner, ignore rules, the stat cache); no tables.
 */
package dev.omni.core.tree;
