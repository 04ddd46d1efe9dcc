package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Dask's {@code to_npy_stack} / {@code from_npy_stack}: a directory holding one {@code .npy} file per block along
 * {@code axis} ({@code 0.npy}, {@code 1.npy}, ...; the other axes whole) and an {@code info} file. Each block is
 * written by its own task, so the array is never assembled; reading is lazy, one task per file. The {@code .npy}
 * files are plain NumPy files; the {@code info} file is text ({@code axis}, {@code dtype} descr, {@code shape},
 * {@code chunks} along the axis, one per line), not Dask's pickle, so Dask cannot read the directory as a stack
 * (NumPy can read every file).
 */
final class NpyStack {
    private NpyStack() {}

    static void write(Path dir, DArray x0, int axis0, ComputeOptions options) throws IOException {
        int axis = ShapeOps.axis(axis0, x0.ndim());
        long[][] c = x0.chunks().sizes();
        for (int d = 0; d < c.length; d++) if (d != axis) c[d] = new long[] {x0.shape[d]};
        DArray x = x0.rechunk(Chunks.ofTrusted(c)).materialize();
        Files.createDirectories(dir);
        String dirName = dir.toAbsolutePath().toString();
        WriteLayer l = new WriteLayer(ArrayLayer.newName("to-npy-stack"), x, dirName, axis);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < x.chunks().blockCount(); i++) keys.add(Key.of(l.name(), x.chunks().blockIndex(i)));
        Compute.compute(x.graph().with(l), keys, options);
        String info = "axis " + axis + "\ndtype " + x.dtype().descr() + "\nshape " + join(x.shape) + "\nchunks " + join(c[axis]) + "\n";
        Files.writeString(dir.resolve("info"), info, StandardCharsets.UTF_8);
    }

    private static String join(long[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : " ").append(v[i]);
        return b.toString();
    }

    /** Writes block i along the axis to {@code dir/i.npy}; the task's result is the file's name. */
    static final class WriteLayer extends ArrayLayer {
        private final String input, dir;
        private final int axis;

        WriteLayer(String name, DArray x, String dir, int axis) {
            super(name, Set.of(x.layerName()), x.chunks());
            this.input = x.layerName();
            this.dir = dir;
            this.axis = axis;
        }

        @Override
        Task task(Key key, int[] idx) {
            int i = idx[axis];
            return new Task(key, "to-npy", args -> {
                Path p = Path.of(dir, i + ".npy");
                NpyBridge.write(p, (NDArray) args[0]);
                return p.toString();
            }, new Object[] {Key.of(input, idx)});
        }
    }

    static DArray read(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("info"), StandardCharsets.UTF_8);
        int axis = -1;
        DType t = null;
        long[] shape = null, along = null;
        for (String line : lines) {
            String[] kv = line.strip().split(" ", 2);
            switch (kv[0]) {
                case "axis" -> axis = Integer.parseInt(kv[1]);
                case "dtype" -> t = DType.fromDescr(kv[1]);
                case "shape" -> shape = longs(kv.length > 1 ? kv[1] : "");
                case "chunks" -> along = longs(kv.length > 1 ? kv[1] : "");
                default -> { }
            }
        }
        if (axis < 0 || t == null || shape == null || along == null) {
            throw new IOException("got info file " + dir.resolve("info") + " with lines " + lines + ", expected axis, dtype, shape and chunks");
        }
        long[][] c = new long[shape.length][];
        for (int d = 0; d < c.length; d++) c[d] = d == axis ? along : new long[] {shape[d]};
        Chunks chunks = Chunks.ofSizes(c);
        String dirName = dir.toAbsolutePath().toString();
        int ax = axis;
        SourceLayer l = new SourceLayer(ArrayLayer.newName("from-npy-stack"), chunks, "from-npy", (o, len) -> {
            int i = chunks.blockOf(ax, o[ax]);
            if (len[ax] == 0) i = firstEmpty(chunks, ax, o[ax]);
            try {
                return NpyBridge.read(Path.of(dirName, i + ".npy"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return DArray.ofLayer(l, Graph.empty(), shape, chunks, t);
    }

    /** The index of a 0-length block starting at {@code offset} (blockOf skips empty blocks). */
    private static int firstEmpty(Chunks c, int axis, long offset) {
        for (int i = 0; i < c.numBlocks(axis); i++) if (c.offset(axis, i) == offset && c.size(axis, i) == 0) return i;
        return c.blockOf(axis, offset);
    }

    private static long[] longs(String s) {
        String t = s.strip();
        if (t.isEmpty()) return new long[0];
        String[] p = t.split(" +");
        long[] r = new long[p.length];
        for (int i = 0; i < p.length; i++) r[i] = Long.parseLong(p[i]);
        return r;
    }
}
