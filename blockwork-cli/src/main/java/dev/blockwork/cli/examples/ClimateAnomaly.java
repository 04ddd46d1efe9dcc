package dev.blockwork.cli.examples;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.array.zarr.Zarr;
import dev.blockwork.array.zarr.ZarrGroup;
import dev.blockwork.array.zarr.ZarrWriteOptions;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.schedule.ComputeOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A climate-style anomaly, the classic Xarray/Dask workload: a monthly (time, lat, lon) float32 temperature field in
 * Zarr, its monthly climatology (the mean of each calendar month over all years), the anomaly (each month minus its
 * climatology) and the anomaly's standard deviation over time, all written back to Zarr.
 *
 * <p>Three passes, each streaming block by block, so the dataset never has to fit in memory: (1) read → climatology
 * (12 × lat × lon, small, kept in memory); (2) read again → anomaly → Zarr, one chunk per task; (3) read the anomaly →
 * standard deviation → Zarr. (One graph for all three would have to hold every input block until the climatology,
 * which needs all years, is known.)
 *
 * <p>The generated field: {@code 280 + 20 cos(lat) + 10 sin(lat) sin(2π month/12) + 0.02 year + noise}, the noise a
 * hash of the element's index, uniform in [-1, 1).
 */
public final class ClimateAnomaly {
    private ClimateAnomaly() {}

    /**
     * What a run computed and how long its parts took.
     *
     * @param generateSeconds writing the input dataset
     * @param climatologySeconds pass 1
     * @param anomalySeconds pass 2
     * @param stdSeconds pass 3
     * @param inputBytes uncompressed bytes of the input array
     * @param meanStd the mean over the grid of the anomaly's standard deviation
     */
    public record Result(double generateSeconds, double climatologySeconds, double anomalySeconds, double stdSeconds, long inputBytes,
                         double meanStd) {
        /**
         * The workload's time.
         *
         * @return the three passes' seconds, without generating the input
         */
        public double workloadSeconds() { return climatologySeconds + anomalySeconds + stdSeconds; }
    }

    /**
     * The field's value at month {@code t}, grid cell {@code (i, j)} of a {@code lat} × {@code lon} grid.
     *
     * @param t   month index from 0
     * @param i   latitude index
     * @param j   longitude index
     * @param lat latitude count
     * @param lon longitude count
     * @return the temperature in kelvin
     */
    public static double value(long t, long i, long j, long lat, long lon) {
        double phi = Math.PI * ((i + 0.5) / lat - 0.5);
        long h = (t * 73856093L) ^ (i * 19349663L) ^ (j * 83492791L);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        double noise = ((h >>> 11) * 0x1.0p-53) * 2 - 1;
        return 280 + 20 * Math.cos(phi) + 10 * Math.sin(phi) * Math.sin(2 * Math.PI * (t % 12) / 12.0) + 0.02 * (t / 12) + noise;
    }

    /**
     * Writes the input dataset: group {@code dir} with the array {@code tas} (float32, Blosc lz4), chunks of 12 months.
     *
     * @param dir     the group's directory
     * @param years   number of years (12 months each)
     * @param lat     latitude count
     * @param lon     longitude count
     * @param options compute options for the write
     * @throws IOException if writing fails
     */
    public static void generate(Path dir, int years, int lat, int lon, ComputeOptions options) throws IOException {
        ZarrGroup.create(dir, 2, Map.of("title", "generated monthly temperature", "units", "K"));
        long[] chunks = chunks(lat, lon);
        DArray tas = DArray.fromFunction(Shape.of(12L * years, lat, lon), Chunks.of(chunks), DType.FLOAT32,
                ix -> value(ix[0], ix[1], ix[2], lat, lon));
        Zarr.write(tas, dir.resolve("tas"), ZarrWriteOptions.defaults().chunks(chunks).compute(options)
                .attributes(Map.of("units", "K", "dims", java.util.List.of("time", "lat", "lon"))));
    }

    /** 12 months × up to 256 × 256 cells (3 MiB of float32). */
    static long[] chunks(int lat, int lon) { return new long[] {12, Math.min(lat, 256), Math.min(lon, 256)}; }

    /**
     * Runs the three passes on {@code dir/tas}, writing {@code climatology}, {@code anomaly} and {@code std} beside it.
     *
     * @param dir     the group written by {@link #generate}
     * @param options compute options
     * @return timings and the mean standard deviation
     * @throws IOException if reading or writing fails
     */
    public static Result run(Path dir, ComputeOptions options) throws IOException {
        DArray tas = DArray.fromZarr(dir, "tas");
        long[] s = tas.shape().toArray();
        long years = s[0] / 12, lat = s[1], lon = s[2];
        long t0 = System.nanoTime();
        DArray byYear = tas.reshape(years, 12, lat, lon);
        NDArray clim = byYear.mean(0).compute(options);                              // pass 1: (12, lat, lon)
        DArray climatology = DArray.fromArray(clim, Chunks.of(12, chunks((int) lat, (int) lon)[1], chunks((int) lat, (int) lon)[2]));
        Zarr.write(climatology, dir.resolve("climatology"), ZarrWriteOptions.defaults().overwrite(true).compute(options));
        long t1 = System.nanoTime();
        DArray anomaly = byYear.sub(climatology).reshape(s).astype(DType.FLOAT32);     // pass 2
        Zarr.write(anomaly, dir.resolve("anomaly"), ZarrWriteOptions.defaults().chunks(chunks((int) lat, (int) lon)).overwrite(true).compute(options));
        long t2 = System.nanoTime();
        DArray std = DArray.fromZarr(dir, "anomaly").std(0);                          // pass 3: (lat, lon)
        Zarr.write(std, dir.resolve("std"), ZarrWriteOptions.defaults().overwrite(true).compute(options));
        double meanStd = DArray.fromZarr(dir, "std").mean().compute(options).item();
        long t3 = System.nanoTime();
        return new Result(0, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, 12 * years * lat * lon * 4, meanStd);
    }

    /**
     * Generates the dataset and runs the workload.
     *
     * @param dir     where to put the group (created)
     * @param years   years of monthly data
     * @param lat     latitude count
     * @param lon     longitude count
     * @param options compute options
     * @return timings and the mean standard deviation
     * @throws IOException if reading or writing fails
     */
    public static Result generateAndRun(Path dir, int years, int lat, int lon, ComputeOptions options) throws IOException {
        long t0 = System.nanoTime();
        generate(dir, years, lat, lon, options);
        double gen = (System.nanoTime() - t0) / 1e9;
        Result r = run(dir, options);
        return new Result(gen, r.climatologySeconds, r.anomalySeconds, r.stdSeconds, r.inputBytes, r.meanStd);
    }
}
