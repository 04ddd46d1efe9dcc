package dev.blockwork.process;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.process.schedule.ProcessesScheduler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Complex128 blocks on scheduler=processes: an FFT (complex blocks made and consumed on workers, small ones
 * inline, large ones through shared memory) equals the same graph on threads, real and imaginary parts alike.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessesComplexTest {
    static final ProcessesScheduler S = new ProcessesScheduler(2);

    @AfterAll
    static void stop() throws InterruptedException {
        S.close();
        ProcessesArrayTest.assertNoBlockFiles();
        Leaks.assertClean();
    }

    @Test
    void fftBlocksTravelBetweenProcesses() {
        for (long n : new long[] {12, 512}) { // 512 x 512 complex blocks are 4 MiB: shared memory
            DRandom r = new DRandom(9);
            DArray z = DArray.complex(r.uniform(shape(n, n), chunks(n / 4, n)), r.uniform(shape(n, n), chunks(n / 4, n)));
            DArray f = z.fft2();
            NDArray onProcesses = f.compute(ProcessesArrayTest.on(S)), onThreads = f.compute(ProcessesArrayTest.threads());
            assertThat(onProcesses.dtype()).isEqualTo(DType.COMPLEX128);
            assertThat(onProcesses.shape()).isEqualTo(shape(n, n));
            assertThat(onProcesses).as("n %d", n).isEqualTo(onThreads);
            assertThat(onProcesses.imag().abs().max().item()).isGreaterThan(0);
        }
    }
}
