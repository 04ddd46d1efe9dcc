package dev.blockwork.cli.bench;

import dev.blockwork.array.BlockSink;
import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.array.zarr.Zarr;
import dev.blockwork.array.zarr.ZarrCodec;
import dev.blockwork.array.zarr.ZarrWriteOptions;
import dev.blockwork.cli.examples.ClimateAnomaly;
import dev.blockwork.cli.examples.HeatEquation;
import dev.blockwork.cli.examples.ImagePipeline;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.schedule.ComputeOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code blockwork bench zarr}: Zarr throughput per codec next to raw file I/O through the same tasks, the example
 * workloads at full size, and the bounded-memory run. One line per case; everything it writes goes under a
 * temporary directory (or {@code --dir}) and is deleted at the end. Benchmarks, not tests: nothing asserts a time.
 *
 * <pre>
 * codecs   a smooth 256 MiB float64 field, 1 MiB chunks: write and read (read = every block decoded and summed) per
 *          codec, and raw files (one new file per chunk, no codec) written and read by the same block tasks; GB/s of
 *          uncompressed data, compression ratio. Reads come from the page cache (the files were just written).
 * anomaly  ClimateAnomaly on 60 years of a 721 × 1440 monthly float32 grid (2.99 GB)
 * heat     HeatEquation on a 4096² grid, 1024² blocks, 100 steps
 * images   ImagePipeline over 1000 files of 512² float32 pixels (1 GiB)
 * bounded  ZarrBoundedMemory: a 16 GiB array in a child JVM with -Xmx1g, peak heap reported
 * </pre>
 */
public final class ZarrBench {
    private ZarrBench() {}

    /** The cases, in the order they run. */
    public static final List<String> CASES = List.of("codecs", "anomaly", "heat", "images", "bounded");

    /**
     * Runs the named cases (all when empty).
     *
     * @param out   where the lines go
     * @param cases case names from {@link #CASES}
     * @param base  the directory to work in (a temporary directory under it is made and deleted), or null for the system's
     * @throws Exception if a case fails
     */
    public static void run(PrintStream out, List<String> cases, Path base) throws Exception {
        for (String c : cases) {
            if (!CASES.contains(c)) throw new IllegalArgumentException("unknown zarr bench case '" + c + "', expected one of " + CASES);
        }
        List<String> todo = cases.isEmpty() ? CASES : cases;
        Path dir = base == null ? Files.createTempDirectory("blockwork-zarr-bench") : Files.createTempDirectory(base, "blockwork-zarr-bench");
        ComputeOptions o = ComputeOptions.defaults().withScheduler("threads").withProgress(false);
        out.println("# zarr bench on " + Runtime.getRuntime().availableProcessors() + " cores, loadavg " + loadavg() + ", in " + dir);
        try {
            for (String c : todo) {
                switch (c) {
                    case "codecs" -> codecs(out, dir, o);
                    case "anomaly" -> {
                        ClimateAnomaly.Result r = ClimateAnomaly.generateAndRun(dir.resolve("climate.zarr"), 60, 721, 1440, o);
                        out.printf(Locale.ROOT, "anomaly %.2f s   (input %.2f GB float32, generated in %.2f s; climatology %.2f s, anomaly %.2f s, std %.2f s;"
                                + " mean std %.4f K)%n", r.workloadSeconds(), r.inputBytes() / 1e9, r.generateSeconds(), r.climatologySeconds(),
                                r.anomalySeconds(), r.stdSeconds(), r.meanStd());
                        delete(dir.resolve("climate.zarr"));
                    }
                    case "heat" -> {
                        HeatEquation.Result r = HeatEquation.run(4096, 1024, 100, 10, o);
                        out.printf(Locale.ROOT, "heat %.2f s   (4096² grid, 100 steps: %.0f M point updates/s; error vs discrete %.2e, vs exact %.2e)%n",
                                r.seconds(), 4096.0 * 4096 * 100 / r.seconds() / 1e6, r.maxErrorDiscrete(), r.maxErrorExact());
                    }
                    case "images" -> {
                        Path img = dir.resolve("images");
                        ImagePipeline.writeImages(img, 1000, 512);
                        ImagePipeline.Result r = ImagePipeline.run(img, 1000, 512, dir.resolve("smooth.zarr"), o);
                        out.printf(Locale.ROOT, "images %.2f s   (1000 files of 512² float32: read, 3x3 filter, Zarr v3 write, reductions; %.0f MB/s; max %.4f)%n",
                                r.seconds(), 1000 * 512 * 512 * 4 / r.seconds() / 1e6, r.max());
                        delete(img);
                        delete(dir.resolve("smooth.zarr"));
                    }
                    case "bounded" -> {
                        String[] f = boundedChild(dir, 16L << 30, "1g", 3600).split(" ");
                        out.printf(Locale.ROOT, "bounded %.2f s   (%.1f GiB float64 Zarr in a child JVM with max heap %d MiB: generate %.1f s, mean %.1f s,"
                                        + " Zarr-to-Zarr 2x+1 %.1f s; peak heap %d MiB)%n",
                                Double.parseDouble(f[4]) + Double.parseDouble(f[5]), Long.parseLong(f[0]) / (double) (1L << 30),
                                Long.parseLong(f[1]) >> 20, Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[2]) >> 20);
                        delete(dir.resolve("in.zarr"));
                        delete(dir.resolve("out.zarr"));
                    }
                    default -> throw new IllegalStateException(c);
                }
            }
        } finally {
            delete(dir);
        }
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Runs {@link ZarrBoundedMemory} in a child JVM with {@code -Xmx<xmx>} and returns its result line.
     *
     * @param dir      where the child writes its two arrays
     * @param bytes    the array's size
     * @param xmx      the child's max heap, such as {@code 32m}
     * @param timeoutS how long to wait for it
     * @return the child's result line (see {@link ZarrBoundedMemory})
     * @throws Exception if the child fails or times out (the message holds its output)
     */
    public static String boundedChild(Path dir, long bytes, String xmx, int timeoutS) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = List.of(java, "-Xmx" + xmx, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ZarrBoundedMemory.class.getName(), dir.toString(), Long.toString(bytes));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] o = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the bounded-memory child JVM did not finish in " + timeoutS + " s");
        }
        List<String> lines = new String(o, StandardCharsets.UTF_8).lines().toList();
        if (p.exitValue() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("the bounded-memory child JVM (-Xmx" + xmx + ") exited with " + p.exitValue() + ": " + String.join("\n", lines));
        }
        return lines.getLast().strip();
    }

    /** A smooth field {@code sin(i/50) cos(j/70)}: compresses only after a byte shuffle, like most measured data. */
    static DArray field(long rows, long cols, long[] chunks) {
        return DArray.fromBlocks(Shape.of(rows, cols), Chunks.of(chunks), DType.FLOAT64, info -> {
            long r0 = info.offset()[0], c0 = info.offset()[1];
            int n = (int) info.shape()[0], m = (int) info.shape()[1];
            double[] d = new double[n * m];
            for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) d[i * m + j] = Math.sin((r0 + i) / 50.0) * Math.cos((c0 + j) / 70.0);
            return NDArray.fromArray(d, n, m);
        });
    }

    /** Raw files: one new file per block holding its little-endian bytes (one copy), no header, no codec. */
    record RawSink(String dir) implements BlockSink {
        @Override
        public void write(NDArray block, dev.blockwork.array.BlockFunction.BlockInfo info) throws IOException {
            NDArray c = block.contiguous();
            byte[] b = new byte[(int) c.size() * 8];
            java.lang.foreign.MemorySegment.copy(java.lang.foreign.MemorySegment.ofArray((double[]) c.data()), (long) c.offset() * 8,
                    java.lang.foreign.MemorySegment.ofArray(b), 0, b.length);
            Files.write(Path.of(dir, info.index()[0] + "." + info.index()[1]), b, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
        }
    }

    static double seconds(Runnable r) { return Stats.time(r) / 1e9; }

    static double median(int runs, Runnable r) { return Stats.medianNanos(1, runs, () -> Stats.time(r)) / 1e9; }

    static void codecs(PrintStream out, Path dir, ComputeOptions o) throws Exception {
        long rows = 4096, cols = 8192;
        long[] ch = {256, 512};
        double gb = rows * cols * 8 / 1e9;
        DArray x = field(rows, cols, ch).persist(o); // generated once: the timings below are I/O and codecs only
        Path raw = Files.createDirectories(dir.resolve("raw"));
        int[] run = {0};
        double wRaw = median(3, () -> { // each run into a new directory: new files, as Zarr's chunks are
            try {
                x.store(new RawSink(Files.createDirectories(raw.resolve("run-" + run[0]++)).toString()), o);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String rd = raw.resolve("run-" + (run[0] - 1)).toString();
        DArray rawIn = DArray.fromBlocks(Shape.of(rows, cols), Chunks.of(ch), DType.FLOAT64, info -> {
            byte[] b = Files.readAllBytes(Path.of(rd, info.index()[0] + "." + info.index()[1]));
            double[] d = new double[b.length / 8];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
            return NDArray.fromArray(d, info.shape());
        });
        double rRaw = median(5, () -> rawIn.sum().compute(o));
        out.printf(Locale.ROOT, "raw-files write %.2f GB/s, read %.2f GB/s   (%.2f GB float64, 1 MiB blocks, one file each, same tasks)%n", gb / wRaw, gb / rRaw, gb);
        Map<String, ZarrCodec[]> codecs = new java.util.LinkedHashMap<>();
        codecs.put("none", new ZarrCodec[0]);
        codecs.put("blosc-lz4", new ZarrCodec[] {ZarrCodec.blosc("lz4", 5, 1)});
        codecs.put("zstd-1", new ZarrCodec[] {ZarrCodec.zstd(1)});
        codecs.put("lz4", new ZarrCodec[] {ZarrCodec.lz4(1)});
        codecs.put("zlib-1", new ZarrCodec[] {ZarrCodec.zlib(1)});
        codecs.put("gzip-1", new ZarrCodec[] {ZarrCodec.gzip(1)});
        for (Map.Entry<String, ZarrCodec[]> e : codecs.entrySet()) {
            Path p = dir.resolve(e.getKey() + ".zarr");
            boolean slow = e.getKey().startsWith("zlib") || e.getKey().startsWith("gzip");
            double w = median(slow ? 1 : 3, () -> {
                try {
                    Zarr.write(x, p, ZarrWriteOptions.defaults().codecs(e.getValue()).overwrite(true).compute(o));
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
            DArray in = DArray.fromZarr(p);
            double r = median(slow ? 3 : 5, () -> in.sum().compute(o));
            long stored = size(p);
            out.printf(Locale.ROOT, "zarr-%s write %.2f GB/s (%.2fx raw), read %.2f GB/s (%.2fx raw), ratio %.2f%n", e.getKey(), gb / w, wRaw / w,
                    gb / r, rRaw / r, rows * cols * 8.0 / stored);
            delete(p);
        }
        delete(raw);
    }

    static long size(Path p) throws IOException {
        try (var w = Files.walk(p)) {
            return w.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static void delete(Path p) throws IOException {
        if (!Files.exists(p)) return;
        List<Path> all = new ArrayList<>();
        try (var w = Files.walk(p)) {
            w.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path f : all) Files.deleteIfExists(f);
    }
}
