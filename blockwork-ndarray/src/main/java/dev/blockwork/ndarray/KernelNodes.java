package dev.blockwork.ndarray;

/**
 * Compiled, per-evaluation nodes of a {@link Kernel}. Float-kind nodes (float64/float32) produce values in
 * double[] tile buffers ({@link KNode#computeD}); integer and bool nodes in long[] buffers (bool as 0/1,
 * int32 wrapped to 32 bits after every operation, float32 rounded after every operation, so each node
 * has exactly NumPy's per-dtype semantics). Each loop switches on the operation once, outside the loop,
 * so C2 vectorises the plain indexed loops.
 */
final class KernelNodes {
    private KernelNodes() {}

    abstract static class KNode {
        final DType t;
        final boolean floatKind;
        int id;

        KNode(DType t) {
            this.t = t;
            this.floatKind = t.isFloat();
        }

        void computeD(Tile tile, double[] dst, int off) { throw new IllegalStateException(t + " node has no double values"); }

        /**
         * Whether every element of every tile has the same float value, {@link #constantD()} (a scalar or a
         * fused subtree of scalars): reductions then use the value instead of a filled tile buffer.
         */
        boolean isConstantD() { return false; }

        double constantD() { throw new IllegalStateException("not a constant node"); }

        void computeL(Tile tile, long[] dst, int off) { throw new IllegalStateException(t + " node has no long values"); }

        /** This node's values for the tile as doubles, at {@code tile.roff} of the returned array. */
        double[] readD(Tile tile) {
            double[] b = tile.d(id);
            if (floatKind) {
                computeD(tile, b, 0);
            } else {
                long[] v = readL(tile);
                int o = tile.roff, n = tile.len;
                for (int i = 0; i < n; i++) b[i] = v[o + i];
            }
            tile.roff = 0;
            return b;
        }

        /** This node's values as longs (floats truncated toward zero), at {@code tile.roff}. */
        long[] readL(Tile tile) {
            long[] b = tile.l(id);
            if (!floatKind) {
                computeL(tile, b, 0);
            } else {
                double[] v = readD(tile);
                int o = tile.roff, n = tile.len;
                for (int i = 0; i < n; i++) b[i] = (long) v[o + i];
            }
            tile.roff = 0;
            return b;
        }

        /** Values tested for truth ({@code != 0}, NaN true) as 0/1 longs, at {@code tile.roff}. */
        long[] readTruth(Tile tile) {
            int n = tile.len;
            long[] b = tile.l(id);
            if (t == DType.BOOL) return readL(tile);
            if (floatKind) {
                double[] v = readD(tile);
                int o = tile.roff;
                for (int i = 0; i < n; i++) b[i] = v[o + i] != 0 ? 1 : 0;
            } else {
                long[] v = readL(tile);
                int o = tile.roff;
                for (int i = 0; i < n; i++) b[i] = v[o + i] != 0 ? 1 : 0;
            }
            tile.roff = 0;
            return b;
        }
    }

    static void roundFloat32(double[] dst, int off, int n) {
        for (int i = 0; i < n; i++) dst[off + i] = (float) dst[off + i];
    }

    static void wrapInt32(long[] dst, int off, int n) {
        for (int i = 0; i < n; i++) dst[off + i] = (int) dst[off + i];
    }

    /**
     * A strided operand: an array leaf or a random leaf, addressed by coalesced strides from a base.
     * Shared by all threads of one evaluation: immutable after {@link Kernel#compile}.
     */
    abstract static class KStrided extends KNode {
        long[] shape;
        long[] strides;
        long base;
        boolean flat;

        KStrided(DType t) { super(t); }

        /** Position of the tile's first element, and the cursor set to the tile's outer index. */
        final long startPosition(Tile tile) {
            long[] idx = tile.idx, cur = tile.cursor;
            long p = base;
            for (int k = 0; k < idx.length; k++) {
                p += idx[k] * strides[k];
                cur[k] = idx[k];
            }
            return p;
        }

        /** Calls {@link #run} for each stretch of the tile that lies along the innermost axis. */
        final void walk(Tile tile, Object dst, int off) {
            int m = shape.length, len = tile.len, done = 0;
            long[] cur = tile.cursor;
            long inner = shape[m - 1], sIn = strides[m - 1];
            long col = tile.idx[m - 1];
            long rowPos = startPosition(tile) - col * sIn;
            while (true) {
                int r = (int) Math.min(inner - col, len - done);
                run(rowPos + col * sIn, sIn, dst, off + done, r);
                done += r;
                if (done >= len) return;
                col = 0;
                for (int k = m - 2; k >= 0; k--) {
                    cur[k]++;
                    rowPos += strides[k];
                    if (cur[k] < shape[k]) break;
                    rowPos -= cur[k] * strides[k];
                    cur[k] = 0;
                }
            }
        }

        abstract void run(long pos, long stride, Object dst, int off, int n);
    }

    static final class KArray extends KStrided {
        final Object data;

        KArray(NDArray a) {
            super(a.dtype);
            this.data = a.data;
        }

        @Override
        void run(long pos, long stride, Object dst, int off, int n) {
            // the buffer's type says which conversion: nodes are shared by the threads of one evaluation,
            // so nothing per-call may live in a field
            if (dst instanceof double[] d) Storage.gatherD(t, data, (int) pos, (int) stride, d, off, n);
            else Storage.gatherL(t, data, (int) pos, (int) stride, (long[]) dst, off, n);
        }

        @Override
        void computeD(Tile tile, double[] dst, int off) { walk(tile, dst, off); }

        @Override
        void computeL(Tile tile, long[] dst, int off) { walk(tile, dst, off); }

        @Override
        double[] readD(Tile tile) {
            if (flat && t == DType.FLOAT64) {
                tile.roff = (int) (base + tile.start);
                return (double[]) data;
            }
            double[] b = tile.d(id);
            computeD(tile, b, 0);
            tile.roff = 0;
            return b;
        }

        @Override
        long[] readL(Tile tile) {
            if (flat && t == DType.INT64) {
                tile.roff = (int) (base + tile.start);
                return (long[]) data;
            }
            long[] b = tile.l(id);
            computeL(tile, b, 0);
            tile.roff = 0;
            return b;
        }
    }

    static final class KRandom extends KStrided {
        final Random.Kind kind;
        final long seed;
        final double p0, p1;
        final long low, width;
        /** Per-lane keys {@code mix(seed * G + lane)}, constant for the leaf (hoisted out of the element loops). */
        final long key0, key1, key2, key3;

        KRandom(ExprNodes.RandomLeaf r) {
            super(r.dtype);
            this.kind = r.kind;
            this.seed = r.seed;
            this.p0 = r.p0;
            this.p1 = r.p1;
            this.low = r.low;
            this.width = r.width;
            this.key0 = Random.laneKey(seed, 0);
            this.key1 = Random.laneKey(seed, 1);
            this.key2 = Random.laneKey(seed, 2);
            this.key3 = Random.laneKey(seed, 3);
        }

        @Override
        void run(long pos, long stride, Object dst, int off, int n) {
            if (dst instanceof double[] d && kind == Random.Kind.UNIFORM) {
                Random.uniformRun(seed, pos, stride, p0, p1, d, off, n);
            } else if (dst instanceof double[] d && kind == Random.Kind.NORMAL) {
                Random.normalRun(key1, key2, pos, stride, p0, p1, d, off, n);
            } else if (dst instanceof double[] d) {
                for (int i = 0; i < n; i++) d[off + i] = Random.valueAt(kind, seed, pos + i * stride, p0, p1);
            } else {
                long[] l = (long[]) dst;
                if (kind == Random.Kind.INTEGERS) {
                    for (int i = 0; i < n; i++) l[off + i] = Random.integerAt(seed, pos + i * stride, low, width);
                } else {
                    for (int i = 0; i < n; i++) l[off + i] = (long) Random.valueAt(kind, seed, pos + i * stride, p0, p1);
                }
            }
        }

        @Override
        void computeD(Tile tile, double[] dst, int off) { walk(tile, dst, off); }

        @Override
        void computeL(Tile tile, long[] dst, int off) { walk(tile, dst, off); }
    }

    static final class KScalar extends KNode {
        final double d;
        final long l;

        KScalar(ExprNodes.ScalarLeaf s, DType t) {
            super(t);
            this.d = s.d;
            this.l = s.l;
        }

        @Override
        boolean isConstantD() { return floatKind; }

        @Override
        double constantD() { return d; }

        @Override
        void computeD(Tile tile, double[] dst, int off) {
            double v = d;
            for (int i = 0, n = tile.len; i < n; i++) dst[off + i] = v;
        }

        @Override
        void computeL(Tile tile, long[] dst, int off) {
            long v = l;
            for (int i = 0, n = tile.len; i < n; i++) dst[off + i] = v;
        }
    }

    static final class KCast extends KNode {
        KNode a;

        KCast(DType t, KNode a) {
            super(t);
            this.a = a;
        }

        @Override
        void computeD(Tile tile, double[] dst, int off) {
            double[] v = a.readD(tile);
            System.arraycopy(v, tile.roff, dst, off, tile.len);
            if (t == DType.FLOAT32) roundFloat32(dst, off, tile.len);
        }

        @Override
        void computeL(Tile tile, long[] dst, int off) {
            long[] v = t == DType.BOOL ? a.readTruth(tile) : a.readL(tile);
            System.arraycopy(v, tile.roff, dst, off, tile.len);
            if (t == DType.INT32) wrapInt32(dst, off, tile.len);
        }
    }

    static final class KWhere extends KNode {
        KNode c, a, b;

        KWhere(DType t, KNode c, KNode a, KNode b) {
            super(t);
            this.c = c;
            this.a = a;
            this.b = b;
        }

        @Override
        void computeD(Tile tile, double[] dst, int off) {
            long[] cv = c.readTruth(tile);
            int co = tile.roff;
            double[] av = a.readD(tile);
            int ao = tile.roff;
            double[] bv = b.readD(tile);
            int bo = tile.roff;
            for (int i = 0, n = tile.len; i < n; i++) dst[off + i] = cv[co + i] != 0 ? av[ao + i] : bv[bo + i];
            if (t == DType.FLOAT32) roundFloat32(dst, off, tile.len);
        }

        @Override
        void computeL(Tile tile, long[] dst, int off) {
            long[] cv = c.readTruth(tile);
            int co = tile.roff;
            long[] av = t == DType.BOOL ? a.readTruth(tile) : a.readL(tile);
            int ao = tile.roff;
            long[] bv = t == DType.BOOL ? b.readTruth(tile) : b.readL(tile);
            int bo = tile.roff;
            for (int i = 0, n = tile.len; i < n; i++) dst[off + i] = cv[co + i] != 0 ? av[ao + i] : bv[bo + i];
            if (t == DType.INT32) wrapInt32(dst, off, tile.len);
        }
    }
}
