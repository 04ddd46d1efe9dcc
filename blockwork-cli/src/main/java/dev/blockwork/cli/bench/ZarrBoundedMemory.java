package dev.blockwork.cli.bench;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.array.zarr.Zarr;
import dev.blockwork.array.zarr.ZarrWriteOptions;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.schedule.ComputeOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Child-JVM part of the bounded-memory run (started with a small {@code -Xmx} by {@link ZarrBench} and by its
 * test): writes a float64 Zarr array of {@code bytes} bytes (1 MiB chunks, Blosc) block by block, reduces it
 * (mean), and transforms it Zarr-to-Zarr ({@code 2x + 1}); checks the transform's mean against the input's. Prints
 * one line: {@code <array bytes> <max heap> <peak heap> <generate s> <reduce s> <transform s> <mean in> <mean out>}.
 * The peak is the sum of each heap pool's peak use during the reduction and the transform (MemoryPoolMXBean): an
 * upper bound of the true peak, since the pools peak at different times.
 */
public final class ZarrBoundedMemory {
    private ZarrBoundedMemory() {}

    /** Columns of the generated array (1024 float64 = 8 KiB per row); chunks are 128 rows (1 MiB). */
    static final long COLUMNS = 1024, CHUNK_ROWS = 128;

    /**
     * The generated value at {@code (i, j)}: integers below 4096, so sums are exact and Blosc compresses them.
     *
     * @param i row
     * @param j column
     * @return the value
     */
    public static double value(long i, long j) { return (i * 31 + j * 17) % 4096; }

    /**
     * {@code ZarrBoundedMemory <dir> <bytes>}: runs in this JVM and prints the result line.
     *
     * @param args the working directory (two arrays are written there) and the array's size in bytes
     * @throws Exception if a step fails (the JVM then exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long rows = Math.max(CHUNK_ROWS, Long.parseLong(args[1]) / (COLUMNS * 8) / CHUNK_ROWS * CHUNK_ROWS);
        ComputeOptions o = ComputeOptions.defaults().withScheduler("threads").withProgress(false);
        long t0 = System.nanoTime();
        DArray gen = DArray.fromBlocks(Shape.of(rows, COLUMNS), Chunks.of(CHUNK_ROWS, COLUMNS), DType.FLOAT64, info -> {
            long r0 = info.offset()[0], n = info.shape()[0];
            double[] d = new double[(int) (n * COLUMNS)];
            for (int i = 0; i < n; i++) for (int j = 0; j < COLUMNS; j++) d[(int) (i * COLUMNS + j)] = value(r0 + i, j);
            return NDArray.fromArray(d, n, COLUMNS);
        });
        Path in = dir.resolve("in.zarr"), out = dir.resolve("out.zarr");
        Zarr.write(gen, in, ZarrWriteOptions.defaults().overwrite(true).compute(o));
        long t1 = System.nanoTime();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        double meanIn = DArray.fromZarr(in).mean().compute(o).item();
        long t2 = System.nanoTime();
        Zarr.write(DArray.fromZarr(in).mul(2).add(1), out, ZarrWriteOptions.defaults().overwrite(true).compute(o));
        long t3 = System.nanoTime();
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        double meanOut = DArray.fromZarr(out).mean().compute(o).item();
        if (Math.abs(meanOut - (2 * meanIn + 1)) > 1e-9 * Math.abs(meanOut)) {
            throw new IllegalStateException("transform mean " + meanOut + ", expected 2 * " + meanIn + " + 1");
        }
        System.out.println(rows * COLUMNS * 8 + " " + Runtime.getRuntime().maxMemory() + " " + peak + " " + (t1 - t0) / 1e9 + " "
                + (t2 - t1) / 1e9 + " " + (t3 - t2) / 1e9 + " " + meanIn + " " + meanOut);
    }
}
