package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import dev.blockwork.array.zarr.ZarrCodec;
import dev.blockwork.array.zarr.ZarrWriteOptions;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.schedule.ComputeOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zarr on scheduler=processes: chunk reads and writes (native Blosc and zstd through FFM) run in worker JVMs, and
 * the result equals the threads scheduler's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZarrProcessesTest {
    static final ProcessesScheduler S = new ProcessesScheduler(2);

    @TempDir
    Path tmp;

    @AfterAll
    static void stop() throws InterruptedException {
        S.close();
        Leaks.assertClean();
    }

    @Test
    void readTransformAndWriteOnWorkerJvms() throws Exception {
        ComputeOptions procs = ProcessesArrayTest.on(S), threads = ProcessesArrayTest.threads();
        DArray x = new DRandom(5).uniform(Shape.of(300, 200), Chunks.of(64, 64));
        Path a = tmp.resolve("a.zarr"), b = tmp.resolve("b.zarr");
        x.toZarr(a, ZarrWriteOptions.defaults().compute(procs)); // v2, Blosc, written by the workers
        DArray y = DArray.fromZarr(a).mul(3).sub(1);
        y.toZarr(b, ZarrWriteOptions.defaults().format(3).codecs(ZarrCodec.zstd(1)).compute(procs));
        NDArray want = x.mul(3).sub(1).compute(threads);
        assertThat(DArray.fromZarr(b).compute(procs)).isEqualTo(want);
        assertThat(DArray.fromZarr(b).compute(threads)).isEqualTo(want);
        assertThat(DArray.fromZarr(a).sum().compute(procs).item()).isEqualTo(x.sum().compute(threads).item());
    }
}
