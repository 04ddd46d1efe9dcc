package dev.blockwork.array;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.graph.Key;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.LocalMemory;
import dev.blockwork.schedule.SchedulerListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spill to disk: under a memory limit far below what a compute holds, held blocks go to spill files and come back
 * when needed; results equal those of an unlimited compute, the events report each spill, and no file is left.
 */
@Timeout(120)
class SpillTest {
    @TempDir Path tmp;

    /** A graph that holds many blocks at once: every block of x is needed again at the end (x - mean(x)). */
    private static DArray holdsMany(long seed) {
        DArray x = new DRandom(seed).uniform(shape(400, 300), chunks(50, 60)); // 40 blocks of 24 KB
        DArray y = x.mul(3).add(1).persist(ComputeOptions.defaults().withMemory(null)); // materialised blocks
        return y.sub(y.mean(0)).mul(y.std(0).add(1)).transpose().matmul(y).add(y.transpose().matmul(y));
    }

    private static long spillFiles(Path root) throws IOException {
        if (!Files.exists(root)) return 0;
        try (var s = Files.walk(root)) { return s.filter(p -> p.toString().endsWith(".spill")).count(); }
    }

    @Test
    void aComputeFarOverItsLimitSpillsAndGivesTheSameResultOnEveryLocalScheduler() throws IOException {
        NDArray expected = holdsMany(7).compute(ComputeOptions.defaults().withScheduler("sync").withProgress(false));
        for (String scheduler : List.of("sync", "threads")) {
            LocalMemory m = new LocalMemory(200_000, 0.5, tmp.resolve(scheduler)); // 100 KB target; ~1 MB of blocks held
            ConcurrentLinkedQueue<Key> spilled = new ConcurrentLinkedQueue<>();
            AtomicLong bytes = new AtomicLong();
            SchedulerListener l = new SchedulerListener() {
                @Override public boolean wantsTaskEvents() { return true; }
                @Override public void onSpill(ComputeInfo c, Key k, long b) { spilled.add(k); bytes.addAndGet(b); }
            };
            DArray z = holdsMany(7);
            NDArray got = z.compute(ComputeOptions.defaults().withScheduler(scheduler).withProgress(false).withMemory(m).withListener(l));
            assertThat(got.allClose(expected, 1e-12, 1e-12)).as("%s: result with spill", scheduler).isTrue();
            assertThat(m.spillCount()).as("%s: results spilled", scheduler).isGreaterThan(0);
            assertThat(m.readCount()).as("%s: spilled results read back", scheduler).isGreaterThan(0);
            assertThat(spilled).as("%s: one event per spill", scheduler).hasSize((int) m.spillCount());
            assertThat(bytes.get()).isEqualTo(m.spilledBytes());
            assertThat(m.heldBytes()).as("%s: nothing counted after the end", scheduler).isZero();
            assertThat(m.spillFiles()).as("%s: spill files left", scheduler).isZero();
            assertThat(spillFiles(tmp.resolve(scheduler))).as("%s: spill files on disk", scheduler).isZero();
        }
    }

    @Test
    void persistUnderPressureKeepsSpilledBlocksUntilTheArrayIsGone() throws Exception {
        LocalMemory m = new LocalMemory(100_000, 0.5, tmp);
        DArray x = new DRandom(3).uniform(shape(300, 200), chunks(50, 50)); // 24 blocks of 20 KB
        NDArray expected = x.compute();
        DArray p = x.persist(ComputeOptions.defaults().withMemory(m).withProgress(false));
        assertThat(m.spillCount()).as("persisted blocks spilled; %s; %s", m, m.lastSpillFailure()).isGreaterThan(0);
        assertThat(spillFiles(tmp)).as("the persisted array keeps its spill files").isEqualTo(m.spillFiles()).isGreaterThan(0);
        assertThat(p.compute().allClose(expected, 0, 0)).isTrue();
        assertThat(p.sum().compute().item()).isEqualTo(x.sum().compute().item()); // same blocks, same order of sums
        assertThat(spillFiles(tmp)).as("reading them does not release them").isEqualTo(m.spillFiles());
        p = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (m.spillFiles() > 0 && System.nanoTime() < deadline) { // released by a Cleaner once unreachable
            System.gc();
            Thread.sleep(20); // waiting for the garbage collector: there is no signal to wait on
        }
        assertThat(m.spillFiles()).as("spill files after the persisted array became unreachable").isZero();
        assertThat(spillFiles(tmp)).isZero();
    }

    @Test
    void aSpillThatCannotBeWrittenKeepsTheResultInMemoryAndSaysWhy() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("plain-file"), "x"); // the spill root is a file: mkdir fails
        LocalMemory m = new LocalMemory(100_000, 0.5, notADir.resolve("spill"));
        NDArray expected = holdsMany(11).compute(ComputeOptions.defaults().withScheduler("sync").withProgress(false));
        NDArray got = holdsMany(11).compute(ComputeOptions.defaults().withProgress(false).withMemory(m));
        assertThat(got.allClose(expected, 1e-12, 1e-12)).isTrue();
        assertThat(m.spillCount()).isZero();
        assertThat(m.lastSpillFailure()).contains("could not spill").contains(notADir.toString()).contains("stays in memory");
    }

    @Test
    void theSpillFolderOfAKilledJvmIsSweptByTheNextSpill() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path orphan = Files.createDirectories(tmp.resolve("blockwork-spill-" + dead.pid() + "-123"));
        Files.writeString(orphan.resolve("r1.spill"), "left by a JVM killed with -9");
        Path alive = Files.createDirectories(tmp.resolve("blockwork-spill-" + ProcessHandle.current().parent().orElseThrow().pid() + "-456"));
        LocalMemory m = new LocalMemory(100_000, 0.5, tmp);
        holdsMany(5).compute(ComputeOptions.defaults().withProgress(false).withMemory(m));
        assertThat(m.spillCount()).isGreaterThan(0);
        assertThat(orphan).as("a dead JVM's spill folder").doesNotExist();
        assertThat(alive).as("a live JVM's spill folder").exists();
    }

    @Test
    void byteCountsParseAndBadOnesSayWhatWasExpected() {
        assertThat(LocalMemory.parseBytes("512m", "x")).isEqualTo(512L << 20);
        assertThat(LocalMemory.parseBytes("2G", "x")).isEqualTo(2L << 30);
        assertThat(LocalMemory.parseBytes("4096", "x")).isEqualTo(4096);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalMemory.parseBytes("lots", "blockwork.memory.limit"))
                .hasMessageContaining("blockwork.memory.limit=lots").hasMessageContaining("expected a positive byte count");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LocalMemory(100, 1.5, tmp)).hasMessageContaining("expected a fraction in (0, 1]");
    }

    @Test
    void aFullDiskStopsSpillingWithoutLosingAResultOrLeavingAPartFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to mount a small tmpfs (CI runs as root)");
        Path mnt = Files.createDirectories(tmp.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", mnt.toString()).inheritIO().start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "mount -t tmpfs failed (needs root and util-linux's mount)");
        try {
            LocalMemory m = new LocalMemory(200_000, 0.5, mnt); // about 1 MB to spill into 128 KB
            NDArray expected = holdsMany(13).compute(ComputeOptions.defaults().withScheduler("sync").withProgress(false));
            NDArray got = holdsMany(13).compute(ComputeOptions.defaults().withProgress(false).withMemory(m));
            assertThat(got.allClose(expected, 1e-12, 1e-12)).as("results with a full spill disk").isTrue();
            assertThat(m.spillCount()).as("some results fitted before the disk filled").isPositive();
            assertThat(m.lastSpillFailure()).contains("could not spill").contains("No space left on device").contains("stays in memory");
            assertThat(spillFiles(mnt)).as("spill files, whole or partial, after the compute").isZero();
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
