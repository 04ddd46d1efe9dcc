package dev.blockwork.array;

final class LinearAlgebra {
    private LinearAlgebra() {}
    static DArray matmul(DArray a, DArray b) { throw new UnsupportedOperationException(); }
    static DArray tensordot(DArray a, DArray b, int[] x, int[] y) { throw new UnsupportedOperationException(); }
}
