package dev.blockwork.cli.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.schedule.ComputeOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples at a small size, each against a naive or exact answer computed here. */
class ExamplesTest {
    static final ComputeOptions THREADS = ComputeOptions.defaults().withScheduler("threads").withProgress(false);

    @TempDir
    Path tmp;

    @Test
    void climateAnomalyMatchesANaiveComputation() throws Exception {
        int years = 3, lat = 7, lon = 300; // lon > 256: two chunks along longitude, one partial
        Path dir = tmp.resolve("climate.zarr");
        ClimateAnomaly.Result r = ClimateAnomaly.generateAndRun(dir, years, lat, lon, THREADS);
        float[][][] x = new float[12 * years][lat][lon];
        for (int t = 0; t < 12 * years; t++) for (int i = 0; i < lat; i++) for (int j = 0; j < lon; j++) x[t][i][j] = (float) ClimateAnomaly.value(t, i, j, lat, lon);
        NDArray clim = DArray.fromZarr(dir, "climatology").compute(), anom = DArray.fromZarr(dir, "anomaly").compute();
        NDArray std = DArray.fromZarr(dir, "std").compute();
        assertThat(anom.shape()).isEqualTo(Shape.of(12L * years, lat, lon));
        assertThat(std.shape()).isEqualTo(Shape.of(lat, lon));
        double sumStd = 0;
        for (int i = 0; i < lat; i++) {
            for (int j = 0; j < lon; j++) {
                double[] a = new double[12 * years];
                for (int m = 0; m < 12; m++) {
                    double c = 0;
                    for (int y = 0; y < years; y++) c += x[12 * y + m][i][j];
                    c /= years;
                    assertThat(clim.getDouble(m, i, j)).as("climatology %d %d %d", m, i, j).isCloseTo(c, org.assertj.core.data.Offset.offset(1e-3));
                    for (int y = 0; y < years; y++) {
                        a[12 * y + m] = x[12 * y + m][i][j] - c;
                        assertThat(anom.getDouble(12 * y + m, i, j)).isCloseTo(a[12 * y + m], org.assertj.core.data.Offset.offset(1e-3));
                    }
                }
                double mean = 0, ss = 0;
                for (double v : a) mean += v / a.length;
                for (double v : a) ss += (v - mean) * (v - mean);
                double sd = Math.sqrt(ss / a.length);
                sumStd += sd;
                assertThat(std.getDouble(i, j)).as("std %d %d", i, j).isCloseTo(sd, org.assertj.core.data.Offset.offset(1e-3));
            }
        }
        assertThat(r.meanStd()).isCloseTo(sumStd / (lat * lon), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(r.inputBytes()).isEqualTo(12L * years * lat * lon * 4);
    }

    @Test
    void heatEquationMatchesTheExactSolutions() {
        int n = 62;
        HeatEquation.Result r = HeatEquation.run(n, 16, 60, 20, THREADS);
        double h = 1.0 / (n + 1);
        assertThat(r.maxErrorDiscrete()).as("blocks and halos exact to rounding").isLessThan(1e-13);
        assertThat(r.maxErrorExact()).as("second-order discretisation error").isLessThan(h * h).isGreaterThan(0);
        assertThat(r.peak()).isBetween(0.5, 1.0);
    }

    @Test
    void imagePipelineMatchesANaiveFilter() throws Exception {
        int images = 5, side = 24;
        Path dir = tmp.resolve("images"), out = tmp.resolve("smooth.zarr");
        ImagePipeline.writeImages(dir, images, side);
        ImagePipeline.Result r = ImagePipeline.run(dir, images, side, out, THREADS);
        double max = Double.NEGATIVE_INFINITY;
        long bright = 0;
        NDArray written = DArray.fromZarr(out).compute();
        for (int k = 0; k < images; k++) {
            float[][] p = new float[side][side];
            for (int y = 0; y < side; y++) for (int x = 0; x < side; x++) p[y][x] = (float) ImagePipeline.pixel(k, y, x, side);
            double mean = 0;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    float s = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = Math.max(0, Math.min(side - 1, y + dy)), xx = Math.max(0, Math.min(side - 1, x + dx)); // symmetric edge
                            s += p[yy][xx];
                        }
                    }
                    float v = s / 9f;
                    assertThat(written.getDouble(k, y, x)).as("pixel %d %d %d", k, y, x).isCloseTo(v, org.assertj.core.data.Offset.offset(1e-6));
                    mean += v / (side * side);
                    max = Math.max(max, v);
                    if (v > 0.5) bright++;
                }
            }
            assertThat(r.meanPerImage()[k]).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(r.max()).isCloseTo(max, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.bright()).isEqualTo(bright).isPositive();
    }
}
