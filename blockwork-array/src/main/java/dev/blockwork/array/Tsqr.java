package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Lapack;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct TSQR (Benson, Gleich and Demmel, "Direct QR factorizations for tall-and-skinny matrices in MapReduce
 * architectures", 2013; Dask's {@code tsqr}) and what is built on it: {@code qr}, {@code svd} and {@code lstsq} of
 * tall-and-skinny arrays.
 *
 * <p>An {@code m x n} array with row blocks {@code A_i} (one column block): every block is factored in parallel,
 * {@code A_i = Q_i R_i}; the small {@code R_i} are stacked and factored again, in a tree of fan-in
 * {@code max(2, array.chunkBytes / (8 n²))} (one level unless there are very many blocks), down to one root
 * {@code R}; the root's {@code Q} is cut into the row slices that belong to each child and pushed down the tree,
 * and the final {@code Q} block is {@code Q_i · M_i} (an {@code m_i x k} times {@code k_i x k} product,
 * {@code k = min(m, n)}). Outputs are chunked like Dask's: {@code Q} has the input's row chunks and one column block,
 * {@code R} is one {@code k x n} block. Each block's own QR ({@link Lapack#qr}) is in turn a TSQR of cache-sized row
 * panels, which is what makes it faster than one LAPACK call over the whole array (docs/PERFORMANCE.md).
 *
 * <p>Cost: about {@code 4 m n²} flops in the blocks (factor and form {@code Q_i}) plus {@code 2 m n²} for the final
 * products, all in parallel over row blocks, and {@code O(b n³)} in the tree for {@code b} blocks. Memory: the
 * per-block factors ({@code Q_i}, as large as the input) live until the root is known, plus {@code Q} itself; the
 * tree holds {@code O(b n²)}. An array with several column blocks is rechunked to one when a row block then stays
 * within {@code array.chunkBytes}; otherwise it is refused with the shape and chunks it would need.
 */
final class Tsqr {
    private Tsqr() {}

    /** A node of the reduction tree: its packed {@code [Q, R]} task and how many rows its R has. */
    private record Node(Key key, long k, List<Node> children, int leaf) {}

    /**
     * The factorisation inside a {@link BlockTasks}: per row block its packed {@code [Q_i, R_i]} and the key of the
     * {@code k_i x k} factor {@code M_i} (null with one block), and the root's packed {@code [Q, R]}.
     */
    record Factor(DArray a, long m, long n, long k, long[] rows, Key[] leaves, Key[] m2, Key root) {}

    /** {@code a} with one column block, or an error saying what TSQR needs. */
    static DArray tallSkinny(DArray a, String what) {
        if (a.ndim() != 2) throw new IllegalArgumentException(what + ": got a " + a.ndim() + "-d array of shape " + a.shape() + ", expected a 2-D matrix");
        if (a.numBlocks()[1] == 1) return a;
        long n = a.shape[1], rows = 0;
        for (long r : a.chunks().sizes(0)) rows = Math.max(rows, r);
        long bytes = rows * n * 8;
        if (bytes <= ArraySettings.CHUNK_BYTES.getLong()) {
            return a.rechunk(Chunks.ofTrusted(new long[][] {a.chunks().sizes(0), BlockTasks.one(n)}));
        }
        throw new IllegalArgumentException(what + ": got an array of shape " + a.shape() + " with chunks " + a.chunks()
                + ", expected a tall-and-skinny array with one block along the columns (TSQR); joining the columns would give "
                + rows + "x" + n + " blocks of " + bytes + " bytes, above array.chunkBytes = " + ArraySettings.CHUNK_BYTES.getLong()
                + ": rechunk to fewer rows per block, e.g. a.rechunk(" + Math.max(1, ArraySettings.CHUNK_BYTES.getLong() / (8 * n)) + ", " + n + ")");
    }

    /** The tree's fan-in: as many stacked {@code n x n} factors as fit in {@code array.chunkBytes}, at least 2. */
    static int fanIn(long n) {
        return (int) Math.max(2, Math.min(1 << 20, ArraySettings.CHUNK_BYTES.getLong() / Math.max(1, 8 * n * n)));
    }

    static Factor factor(BlockTasks t, DArray a) { return factor(t, a, fanIn(a.shape[1])); }

    static Factor factor(BlockTasks t, DArray a, int fanIn) {
        long[] rows = a.chunks().sizes(0);
        long m = a.shape[0], n = a.shape[1], k = Math.min(m, n);
        int nb = rows.length;
        Key[] leaves = new Key[nb];
        List<Node> level = new ArrayList<>();
        for (int i = 0; i < nb; i++) {
            leaves[i] = t.task("tsqr-block", args -> Packed.of(Lapack.qr((NDArray) args[0])), t.block(a, i, 0));
            level.add(new Node(leaves[i], Math.min(rows[i], n), List.of(), i));
        }
        if (nb == 1) return new Factor(a, m, n, k, rows, leaves, null, leaves[0]);
        while (level.size() > 1) {
            List<Node> up = new ArrayList<>();
            for (int s = 0; s < level.size(); s += fanIn) {
                List<Node> group = level.subList(s, Math.min(s + fanIn, level.size()));
                if (group.size() == 1) {
                    up.add(group.get(0));
                    continue;
                }
                Object[] keys = group.stream().map(Node::key).toArray();
                long sum = group.stream().mapToLong(Node::k).sum();
                Key g = t.task("tsqr-stack", args -> {
                    NDArray[] rs = new NDArray[args.length];
                    for (int c = 0; c < args.length; c++) rs[c] = Packed.part((NDArray) args[c], 1);
                    return Packed.of(Lapack.qr(NDArray.concatenate(0, rs)));
                }, keys);
                up.add(new Node(g, Math.min(sum, n), List.copyOf(group), -1));
            }
            level = up;
        }
        Key[] m2 = new Key[nb];
        descend(t, level.get(0), null, m2);
        return new Factor(a, m, n, k, rows, leaves, m2, level.get(0).key());
    }

    /** Pushes the root's Q down: child c of {@code node} gets {@code M_c = Q_node[rows of c] · M_node}. */
    private static void descend(BlockTasks t, Node node, Key mNode, Key[] m2) {
        long off = 0;
        for (Node c : node.children()) {
            long lo = off, hi = off + c.k();
            Key mc = mNode == null
                    ? t.task("tsqr-slice", args -> Packed.part((NDArray) args[0], 0).slice(0, lo, hi, 1).copy(), node.key())
                    : t.task("tsqr-slice", args -> Packed.part((NDArray) args[0], 0).slice(0, lo, hi, 1).matmul((NDArray) args[1]),
                            node.key(), mNode);
            if (c.leaf() >= 0) m2[c.leaf()] = mc;
            else descend(t, c, mc, m2);
            off = hi;
        }
    }

    /** Keys of the row blocks of {@code Q · right} ({@code right}: a {@code k x r} task, or null for {@code Q} itself). */
    static Key[] qBlocks(BlockTasks t, Factor f, Key right) {
        Key[] out = new Key[f.leaves().length];
        for (int i = 0; i < out.length; i++) {
            Key leaf = f.leaves()[i];
            if (f.m2() == null) {
                out[i] = right == null ? t.task("tsqr-q", args -> Packed.part((NDArray) args[0], 0).copy(), leaf)
                        : t.task("tsqr-q", args -> Packed.part((NDArray) args[0], 0).matmul((NDArray) args[1]), leaf, right);
            } else {
                out[i] = right == null ? t.task("tsqr-q", args -> Packed.part((NDArray) args[0], 0).matmul((NDArray) args[1]), leaf, f.m2()[i])
                        : t.task("tsqr-q", args -> Packed.part((NDArray) args[0], 0).matmul(((NDArray) args[1]).matmul((NDArray) args[2])),
                                leaf, f.m2()[i], right);
            }
        }
        return out;
    }

    /** {@code [Q, R]}. */
    static List<DArray> qr(DArray a0) { return qr(a0, 0); }

    /** {@code [Q, R]} with a given tree fan-in (0: {@link #fanIn}). */
    static List<DArray> qr(DArray a0, int fanIn) {
        DArray a = tallSkinny(a0, "qr");
        BlockTasks t = new BlockTasks("tsqr");
        Factor f = factor(t, a, fanIn > 0 ? fanIn : fanIn(a.shape[1]));
        Key[] q = qBlocks(t, f, null);
        Key r = t.task("tsqr-r", args -> Packed.part((NDArray) args[0], 1).copy(), f.root());
        return List.of(t.output("tsqr-q", new long[] {f.m(), f.k()}, BlockTasks.chunks(f.rows(), BlockTasks.one(f.k())), idx -> q[idx[0]]),
                t.output("tsqr-r", new long[] {f.k(), f.n()}, BlockTasks.chunks(BlockTasks.one(f.k()), BlockTasks.one(f.n())), idx -> r));
    }

    /**
     * {@code [U, S, Vt]} of a tall-and-skinny array (TSQR, then the SVD of the small {@code R}: {@code U = Q · U_R}), or
     * of a short-and-fat one through its transpose.
     */
    static List<DArray> svd(DArray a0) {
        if (a0.ndim() != 2) throw new IllegalArgumentException("svd: got a " + a0.ndim() + "-d array of shape " + a0.shape() + ", expected a 2-D matrix");
        if (a0.shape[0] < a0.shape[1]) {
            List<DArray> t = svd(a0.transpose());
            return List.of(t.get(2).transpose(), t.get(1), t.get(0).transpose());
        }
        DArray a = tallSkinny(a0, "svd");
        BlockTasks t = new BlockTasks("tsqr-svd");
        Factor f = factor(t, a);
        Key usv = t.task("svd-small", args -> Packed.of(Lapack.svd(Packed.part((NDArray) args[0], 1))), f.root());
        Key ur = t.task("svd-u", args -> Packed.part((NDArray) args[0], 0).copy(), usv);
        Key[] u = qBlocks(t, f, ur);
        Key s = t.task("svd-s", args -> Packed.part((NDArray) args[0], 1).copy(), usv);
        Key vt = t.task("svd-vt", args -> Packed.part((NDArray) args[0], 2).copy(), usv);
        long k = f.k(), n = f.n();
        return List.of(t.output("svd-u", new long[] {f.m(), k}, BlockTasks.chunks(f.rows(), BlockTasks.one(k)), idx -> u[idx[0]]),
                t.output("svd-s", new long[] {k}, BlockTasks.chunks(BlockTasks.one(k)), idx -> s),
                t.output("svd-vt", new long[] {k, n}, BlockTasks.chunks(BlockTasks.one(k), BlockTasks.one(n)), idx -> vt));
    }

    /**
     * {@code np.linalg.lstsq(a, b)}: {@code [x, residuals, rank, s]}, the minimum-norm solution through TSQR and the
     * SVD of {@code R} ({@code x = V S⁺ (Q U_R)ᵀ b}, singular values below {@code eps · max(m, n) · s_max} dropped).
     */
    static List<DArray> lstsq(DArray a0, DArray b0) {
        if (a0.ndim() != 2) throw new IllegalArgumentException("lstsq: got a " + a0.ndim() + "-d array of shape " + a0.shape() + ", expected a 2-D matrix");
        long m = a0.shape[0], n = a0.shape[1];
        if ((b0.ndim() != 1 && b0.ndim() != 2) || b0.shape[0] != m) {
            throw new IllegalArgumentException("lstsq: got a of shape " + a0.shape() + " and b of shape " + b0.shape()
                    + ", expected b 1-D or 2-D with " + m + " rows");
        }
        if (m < n) throw new IllegalArgumentException("lstsq: got a of shape " + a0.shape() + ", expected at least as many rows as columns (TSQR)");
        DArray a = tallSkinny(a0, "lstsq");
        boolean vec = b0.ndim() == 1;
        DArray b = (vec ? b0.reshape(m, 1) : b0).astype(DType.FLOAT64);
        long r = b.shape[1];
        b = b.rechunk(Chunks.ofTrusted(new long[][] {a.chunks().sizes(0), BlockTasks.one(r)}));
        BlockTasks t = new BlockTasks("lstsq");
        Factor f = factor(t, a);
        Key usv = t.task("svd-small", args -> Packed.of(Lapack.svd(Packed.part((NDArray) args[0], 1))), f.root());
        Key ur = t.task("svd-u", args -> Packed.part((NDArray) args[0], 0).copy(), usv);
        Key[] u = qBlocks(t, f, ur);
        Object[] parts = new Object[u.length];
        for (int i = 0; i < u.length; i++) {
            parts[i] = t.task("lstsq-utb", args -> ((NDArray) args[0]).transpose().matmul((NDArray) args[1]), u[i], t.block(b, i, 0));
        }
        Key utb = t.task("lstsq-sum", Tsqr::sum, parts);
        double rcond = Math.ulp(1.0) * Math.max(m, n);
        Key x = t.task("lstsq-x", args -> {
            NDArray p = (NDArray) args[0], c = ((NDArray) args[1]).copy();
            NDArray s = Packed.part(p, 1), vt = Packed.part(p, 2);
            double cut = s.size() == 0 ? 0 : s.getDouble(0) * rcond;
            for (int i = 0; i < s.size(); i++) {
                double inv = s.getDouble(i) > cut ? 1 / s.getDouble(i) : 0;
                for (int j = 0; j < c.shape(1); j++) c.setDouble(c.getDouble(i, j) * inv, i, j);
            }
            return vt.transpose().matmul(c);
        }, usv, utb);
        Key rank = t.task("lstsq-rank", args -> {
            NDArray s = Packed.part((NDArray) args[0], 1);
            double cut = s.size() == 0 ? 0 : s.getDouble(0) * rcond;
            long count = 0;
            for (int i = 0; i < s.size(); i++) if (s.getDouble(i) > cut) count++;
            return NDArray.fromArray(new long[] {count});
        }, usv);
        Key sv = t.task("svd-s", args -> Packed.part((NDArray) args[0], 1).copy(), usv);
        Key res = null;
        if (m > n) {
            Object[] rs = new Object[u.length];
            for (int i = 0; i < u.length; i++) {
                rs[i] = t.task("lstsq-residual", args -> {
                    NDArray d = ((NDArray) args[1]).expr().sub(((NDArray) args[0]).matmul((NDArray) args[2]).expr()).evaluate();
                    return d.expr().mul(d.expr()).evaluate().sum(new int[] {0}, true);
                }, t.block(a, i, 0), t.block(b, i, 0), x);
            }
            res = t.task("lstsq-residuals", args -> sum(args).reshape(r), rs);
        }
        Key resKey = res;
        DArray xs = t.output("lstsq-x", new long[] {n, r}, BlockTasks.chunks(BlockTasks.one(n), BlockTasks.one(r)), idx -> x);
        DArray residuals = resKey == null ? DArray.fromArray(NDArray.zeros(DType.FLOAT64, 0), Chunks.whole())
                : t.output("lstsq-residuals", new long[] {r}, BlockTasks.chunks(BlockTasks.one(r)), idx -> resKey);
        DArray rk = t.output("lstsq-rank", new long[] {1}, BlockTasks.chunks(BlockTasks.one(1)), DType.INT64, idx -> rank).reshape();
        DArray s = t.output("lstsq-s", new long[] {f.k()}, BlockTasks.chunks(BlockTasks.one(f.k())), idx -> sv);
        return List.of(vec ? xs.reshape(n) : xs, residuals, rk, s);
    }

    /** The element-wise sum of same-shape float64 blocks. */
    static NDArray sum(Object[] args) {
        NDArray acc = ((NDArray) args[0]).copy();
        for (int i = 1; i < args.length; i++) acc = acc.expr().add(((NDArray) args[i]).expr()).evaluate();
        return acc;
    }
}
