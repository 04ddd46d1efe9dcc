package dev.blockwork.cli.examples;

import dev.blockwork.array.Boundary;
import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.array.zarr.ZarrCodec;
import dev.blockwork.array.zarr.ZarrWriteOptions;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Npy;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.schedule.ComputeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image-style pipeline: a stack of images, one {@code .npy} file each (as a microscope or a camera writes
 * them), read lazily one file per block with {@code DArray.fromBlocks}, smoothed by a 3 × 3 box filter
 * ({@code mapOverlap}, reflecting at the image edges), then reduced (mean brightness per image, the brightest
 * pixel, the count of pixels above a threshold) and the filtered stack written to Zarr v3.
 */
public final class ImagePipeline {
    private ImagePipeline() {}

    /**
     * What a run computed.
     *
     * @param seconds   wall time of the pipeline (not of writing the input files)
     * @param meanPerImage mean of each filtered image
     * @param max       brightest filtered pixel
     * @param bright    filtered pixels above 0.5
     */
    public record Result(double seconds, double[] meanPerImage, double max, long bright) {}

    /**
     * Pixel {@code (y, x)} of image {@code k}: a bright Gaussian spot that moves with {@code k}, plus a ripple.
     *
     * @param k image index
     * @param y row
     * @param x column
     * @param side image side
     * @return the brightness
     */
    public static double pixel(long k, long y, long x, long side) {
        double cy = side * (0.3 + 0.4 * ((k * 37) % 100) / 100.0), cx = side * (0.3 + 0.4 * ((k * 61) % 100) / 100.0);
        double d2 = ((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (side * side / 64.0);
        return Math.exp(-d2) + 0.05 * Math.sin(0.7 * y + 0.3 * x + k);
    }

    /**
     * Writes {@code images} files {@code img-K.npy} of {@code side} × {@code side} float32 pixels.
     *
     * @param dir    the directory (created)
     * @param images how many files
     * @param side   image side
     * @throws IOException if writing fails
     */
    public static void writeImages(Path dir, int images, int side) throws IOException {
        Files.createDirectories(dir);
        for (int k = 0; k < images; k++) {
            long kk = k;
            NDArray img = NDArray.fromFunction(new long[] {side, side}, DType.FLOAT32, ix -> pixel(kk, ix[0], ix[1], side));
            Npy.write(dir.resolve("img-" + k + ".npy"), img);
        }
    }

    /** The 3 × 3 box filter of one image block (with its ghost cells); the ghost ring is trimmed off. */
    static NDArray box(NDArray b) {
        long[] s = b.shapeArray(); // (1, h+2, w+2)
        int m = (int) s[1], k = (int) s[2];
        float[] u = new float[m * k], v = new float[m * k];
        double[] d = b.toDoubleArray();
        for (int i = 0; i < u.length; i++) u[i] = (float) d[i];
        for (int i = 1; i < m - 1; i++) {
            for (int j = 1; j < k - 1; j++) {
                float sum = 0;
                for (int di = -1; di <= 1; di++) for (int dj = -1; dj <= 1; dj++) sum += u[(i + di) * k + j + dj];
                v[i * k + j] = sum / 9f;
            }
        }
        return NDArray.fromArray(v, 1, m, k);
    }

    /**
     * Reads the images in {@code dir} (written by {@link #writeImages}), filters, reduces and writes the filtered
     * stack to {@code out} (Zarr v3, Blosc).
     *
     * @param dir     the image files
     * @param images  how many
     * @param side    their side
     * @param out     the Zarr array to write
     * @param options compute options
     * @return the reductions
     * @throws IOException if reading or writing fails
     */
    public static Result run(Path dir, int images, int side, Path out, ComputeOptions options) throws IOException {
        String d = dir.toAbsolutePath().toString();
        long t0 = System.nanoTime();
        DArray stack = DArray.fromBlocks(Shape.of(images, side, side), Chunks.of(1, side, side), DType.FLOAT32,
                info -> Npy.read(Path.of(d, "img-" + info.index()[0] + ".npy")).reshape(1, side, side));
        DArray smooth = stack.mapOverlap((b, info) -> box(b), new int[] {0, 1, 1}, Boundary.reflect());
        smooth.toZarr(out, ZarrWriteOptions.defaults().format(3).codecs(ZarrCodec.blosc("lz4", 5, 1)).overwrite(true).compute(options));
        DArray filtered = DArray.fromZarr(out);
        NDArray[] r = DArray.computeAll(options, filtered.mean(1, 2), filtered.max(), filtered.gt(0.5).sum());
        double s = (System.nanoTime() - t0) / 1e9;
        return new Result(s, r[0].toDoubleArray(), r[1].item(), (long) r[2].item());
    }
}
