package dev.blockwork.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded-memory guarantee at a small scale: in a child JVM with a 32 MiB heap, a 512 MiB (16×) Zarr array
 * is written, reduced and transformed Zarr-to-Zarr, and the results are right. The full-size run (16 GB with
 * -Xmx1g) is {@code blockwork bench zarr --cases bounded}.
 */
class ZarrBoundedMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void sixteenTimesTheHeapCompletesInASmallHeap() throws Exception {
        String line = ZarrBench.boundedChild(tmp, 512L << 20, "32m", 300);
        String[] f = line.split(" ");
        long bytes = Long.parseLong(f[0]), maxHeap = Long.parseLong(f[1]), peak = Long.parseLong(f[2]);
        assertThat(bytes).as("array bytes vs the child's max heap " + maxHeap).isGreaterThanOrEqualTo(16 * maxHeap);
        // the sum of each heap pool's own peak (an upper bound of the true peak: pools peak at different times)
        assertThat(peak).as("peak heap").isPositive();
        double meanIn = Double.parseDouble(f[6]), meanOut = Double.parseDouble(f[7]);
        long rows = bytes / (ZarrBoundedMemory.COLUMNS * 8);
        double exact = 0;
        for (long i = 0; i < rows; i++) for (long j = 0; j < ZarrBoundedMemory.COLUMNS; j++) exact += ZarrBoundedMemory.value(i, j);
        exact /= rows * ZarrBoundedMemory.COLUMNS;
        assertThat(meanIn).isEqualTo(exact);
        assertThat(meanOut).isEqualTo(2 * exact + 1);
    }
}
