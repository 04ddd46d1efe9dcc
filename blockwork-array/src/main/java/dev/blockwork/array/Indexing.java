package dev.blockwork.array;

import dev.blockwork.ndarray.Index;

final class Indexing {
    private Indexing() {}
    static DArray basic(DArray x, Index... index) { throw new UnsupportedOperationException(); }
    static DArray take(DArray x, long[] indices, int axis) { throw new UnsupportedOperationException(); }
    static DArray compress(DArray x, boolean[] mask, int axis) { throw new UnsupportedOperationException(); }
}
