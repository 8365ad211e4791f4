package dev.omni.core.tree;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Tree;

/** Gives the tree with an id; {@code path} is where it sits, for sources that know trees by path. */
@FunctionalInterface
public interface TreeSource {
    Tree tree(ObjectId id, String path);
}
