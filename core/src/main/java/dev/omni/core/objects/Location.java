package dev.omni.core.objects;

/**
 * Where an object's bytes are: in a block of a pack ({@code blockId > 0}) at {@code offset} of the
 * raw block, or in a loose file ({@code blockId == 0}).
 */
record Location(long blockId, String pack, long blockOffset, int clen, int rlen, int offset, long size) {
    boolean loose() {
        return blockId == 0;
    }
}
