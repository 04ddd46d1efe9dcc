package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.NDArray;
import dev.blockwork.process.internal.BlockArena;
import dev.blockwork.process.internal.ShmRegistry;
import dev.blockwork.process.serial.KryoSerializer;
import dev.blockwork.spi.Serializer;
import dev.blockwork.process.serial.ShmTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The recycled block arena: blocks reuse a sender's segments across many transfers with the right values, a
 * leased segment is never handed to a second block, releasing returns it, a block larger than the arena gets a
 * file of its own, and no segment outlives its pool, also when a worker is killed with kill -9.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BlockArenaTest {
    static final Serializer KRYO = new KryoSerializer();

    @AfterAll
    static void clean() throws InterruptedException { Leaks.assertClean(); }

    static List<String> filesOf(long pid, String suffix) {
        String prefix = ShmRegistry.PREFIX + pid + "-";
        return ShmRegistry.list().stream().filter(n -> n.startsWith(prefix) && n.endsWith(suffix)).toList();
    }

    static NDArray block(int rows, int cols, long seed) {
        double[] d = new double[rows * cols];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < d.length; i++) d[i] = r.nextDouble();
        return NDArray.fromArray(d, rows, cols);
    }

    /** The reference the workers compute: every element doubled, in a new block. */
    static NDArray twice(NDArray a) {
        double[] d = a.toDoubleArray();
        for (int i = 0; i < d.length; i++) d[i] *= 2;
        return NDArray.fromArray(d, a.shapeArray());
    }

    /** Every block segment of these processes is free (no block still holds one). */
    static void assertAllSegmentsFree(List<Long> pids) {
        for (long pid : pids) {
            for (String f : filesOf(pid, "-blk")) assertThat(BlockArena.leaseState(f)).as("lease of " + f).isZero();
        }
    }

    @Test
    void blocksReusedAcrossManyRoundTripsGiveTheRightValues() {
        long me = ProcessHandle.current().pid();
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<Long> pids = new ArrayList<>(pool.workerPids());
            pids.add(me);
            SplittableRandom sizes = new SplittableRandom(11);
            for (int round = 0; round < 40; round++) {
                List<NDArray> in = new ArrayList<>();
                for (int i = 0; i < 3; i++) in.add(block(100 + sizes.nextInt(300), 207, round * 10L + i)); // 166 KB .. 663 KB
                List<NDArray> out = pool.map(BlockArenaTest::twice, in, 1);
                for (int i = 0; i < in.size(); i++) assertThat(out.get(i)).as("round " + round + ", block " + i).isEqualTo(twice(in.get(i)));
                assertAllSegmentsFree(pids);
            }
            // Reused, not made per block: 240 blocks went through a handful of segments per process (a worker may
            // have run none of them: a pool driver takes up to 64 tiny chunks at once).
            int workerSegments = 0;
            for (long pid : pids) {
                assertThat(filesOf(pid, "-blk")).as("segments of " + pid).hasSizeLessThanOrEqualTo(12);
                if (pid != me) workerSegments += filesOf(pid, "-blk").size();
            }
            assertThat(filesOf(me, "-blk")).as("the pool's input segments").isNotEmpty();
            assertThat(workerSegments).as("the workers' result segments").isPositive();
            assertThat(filesOf(me, "-buf")).isEmpty();
        }
    }

    @Test
    void aLeasedSegmentIsNeverGivenToASecondBlockAndReleaseReturnsIt() {
        try (BlockArena arena = new BlockArena(64 << 20, false)) {
            NDArray a = block(300, 300, 1), b = block(300, 300, 2);
            ShmTransport ta = ShmTransport.ownedBySender(arena);
            byte[] ma = ta.serialize(() -> KRYO.serialize(a).copy());
            ShmTransport tb = ShmTransport.ownedBySender(arena); // a is still held: b must get another segment
            byte[] mb = tb.serialize(() -> KRYO.serialize(b).copy());
            assertThat(arena.segmentCount()).isEqualTo(2);
            assertThat(arena.leasedCount()).isEqualTo(2);
            assertThat(KRYO.deserialize(ma)).isEqualTo(a);
            assertThat(KRYO.deserialize(mb)).isEqualTo(b);
            assertThat(KRYO.deserialize(ma)).as("owned: read again, as by a retry").isEqualTo(a);
            ta.release();
            assertThat(arena.leasedCount()).isEqualTo(1);
            assertThatThrownBy(() -> KRYO.deserialize(ma)).hasMessageContaining("lease");
            NDArray c = block(300, 300, 3);
            ShmTransport tc = ShmTransport.ownedBySender(arena);
            byte[] mc = tc.serialize(() -> KRYO.serialize(c).copy());
            assertThat(arena.segmentCount()).as("a's segment is reused").isEqualTo(2);
            assertThat(KRYO.deserialize(mb)).as("b untouched by c").isEqualTo(b);
            assertThat(KRYO.deserialize(mc)).isEqualTo(c);
            tb.release();
            tc.release();
            assertThat(arena.leasedCount()).isZero();
        }
        assertThat(filesOf(ProcessHandle.current().pid(), "-blk")).as("close deletes the segments").isEmpty();
    }

    @Test
    void aHandedOffBlockIsFreedByItsOneReadAndItsSegmentComesBack() {
        try (BlockArena arena = new BlockArena(64 << 20, true)) {
            for (int round = 0; round < 5; round++) {
                double[] raw = new double[50_000 + round]; // 400 KB: one size class
                for (int i = 0; i < raw.length; i++) raw[i] = i * 0.5 + round;
                ShmTransport t = ShmTransport.handedToReceiver(-1, arena);
                byte[] m = t.serialize(() -> KRYO.serialize(raw).copy());
                t.release(); // sent: the lease is the receiver's now
                assertThat(arena.leasedCount()).isEqualTo(1);
                assertThat((double[]) KRYO.deserialize(m)).isEqualTo(raw);
                assertThat(arena.leasedCount()).as("round " + round + ": the read freed it").isZero();
                assertThat(arena.segmentCount()).isEqualTo(1);
                assertThatThrownBy(() -> KRYO.deserialize(m)).hasMessageContaining("read once");
            }
            ShmTransport t = ShmTransport.handedToReceiver(-1, arena);
            t.serialize(() -> KRYO.serialize(new long[1 << 16]));
            t.abort(); // not sent: the sender frees it
            assertThat(arena.leasedCount()).isZero();
        }
    }

    @Test
    void aBlockLargerThanTheArenaGetsAFileOfItsOwn() {
        long me = ProcessHandle.current().pid();
        try (BlockArena arena = new BlockArena(1 << 20, false)) {
            NDArray big = block(500, 500, 5); // 2 MB > 1 MiB
            ShmTransport t = ShmTransport.ownedBySender(arena);
            byte[] m = t.serialize(() -> KRYO.serialize(big).copy());
            assertThat(arena.segmentCount()).isZero();
            assertThat(filesOf(me, "-buf")).hasSize(1);
            assertThat(KRYO.deserialize(m)).isEqualTo(big);
            t.release();
            assertThat(filesOf(me, "-buf")).isEmpty();
        }
        // End to end: workers whose arenas are too small for their results hand them off in files of their own.
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).jvmArgs("-D" + ProcessSettings.SHM_ARENA_BYTES.property() + "=1048576"))) {
            long worker = pool.workerPids().getFirst();
            NDArray in = block(600, 500, 6); // 2.4 MB
            for (int i = 0; i < 3; i++) assertThat(pool.apply(() -> twice(in))).isEqualTo(twice(in));
            assertThat(filesOf(worker, "-blk")).isEmpty();
            assertThat(filesOf(worker, "-buf")).isEmpty();
        }
    }

    @Test
    void theArenaSettingOfThisJvmReachesItsWorkers() {
        String key = ProcessSettings.SHM_ARENA_BYTES.property();
        String before = System.getProperty(key);
        assertThat(BlockArena.CAPACITY_BYTES).as("this JVM's arenas: read once, before the property changes").isPositive();
        System.setProperty(key, "0"); // workers started now: no arena, a file per result block, as before the arena
        try (ProcessPool pool = ProcessPool.create(1)) {
            long worker = pool.workerPids().getFirst();
            NDArray in = block(300, 300, 8);
            assertThat(pool.apply(() -> twice(in))).isEqualTo(twice(in));
            assertThat(filesOf(worker, "-blk")).isEmpty();
        } finally {
            if (before == null) System.clearProperty(key); else System.setProperty(key, before);
        }
    }

    @Test
    void noSegmentIsLeftAfterKillMinus9OfAWorkerNorAfterClose() throws Exception {
        long me = ProcessHandle.current().pid();
        NDArray in = block(400, 400, 7); // 1.28 MB
        List<Long> pids = new ArrayList<>();
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxRetries(2));
             ProcessQueue<Long> started = ProcessQueue.create()) {
            long victim = pool.workerPids().getFirst();
            assertThat(pool.apply(() -> twice(in))).isEqualTo(twice(in));
            assertThat(filesOf(victim, "-blk")).as("the worker's result segment, kept for its next result").hasSize(1);
            var f = pool.applyAsync(() -> {
                try (ProcessQueue<Long> q = started) {
                    q.put(ProcessHandle.current().pid());
                }
                Thread.sleep(2_000); // killed in here on the first attempt
                return twice(in);
            });
            assertThat(started.poll(30, TimeUnit.SECONDS)).isEqualTo(victim);
            new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor();
            long second = started.poll(30, TimeUnit.SECONDS);
            assertThat(second).isNotEqualTo(victim);
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(twice(in));
            assertThat(filesOf(victim, "")).as("the killed worker's segments, deleted by its pool").isEmpty();
            pids.add(victim);
            pids.add(second);
            assertAllSegmentsFree(List.of(me, second));
        }
        for (long pid : pids) assertThat(filesOf(pid, "")).as("files of worker " + pid + " after close").isEmpty();
        assertThat(filesOf(me, "-blk")).as("the pool's input segments after close").isEmpty();
    }

    /**
     * Stress: threads of this JVM share one arena, each leasing, filling with its own pattern, checking it and
     * freeing, in random sizes, while a worker JVM frees handed-off leases of another arena as it reads them.
     * A segment given to two blocks at once would show the other thread's pattern.
     */
    @Test
    void concurrentLeasesNeverShareASegment() throws Exception {
        try (BlockArena arena = new BlockArena(16 << 20, false)) {
            int threads = 4, rounds = 300;
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts.add(Thread.ofPlatform().start(() -> {
                    SplittableRandom r = new SplittableRandom(id);
                    try {
                        for (int i = 0; i < rounds; i++) {
                            long bytes = 8L * (8192 + r.nextInt(200_000));
                            BlockArena.Lease l = arena.acquire(bytes, -1);
                            if (l == null) { Thread.yield(); continue; } // full: the caller would use a file of its own
                            long mark = ((long) id << 32) | i;
                            java.lang.foreign.MemorySegment d = l.data();
                            long words = bytes / 8;
                            for (long w = 0; w < words; w += 509) d.setAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG, w, mark);
                            Thread.yield();
                            for (long w = 0; w < words; w += 509) {
                                long got = d.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG, w);
                                if (got != mark) throw new AssertionError("segment " + l.name() + " word " + w + ": got " + got + ", expected " + mark);
                            }
                            l.free();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            try (ProcessPool pool = ProcessPool.create(1)) { // cross-process releases meanwhile
                for (int i = 0; i < 20; i++) {
                    NDArray in = block(100 + i, 300, i);
                    assertThat(pool.apply(() -> twice(in))).isEqualTo(twice(in));
                }
            }
            for (Thread t : ts) t.join(60_000);
            assertThat(failures).isEmpty();
            assertThat(arena.leasedCount()).isZero();
        }
        assertThat(filesOf(ProcessHandle.current().pid(), "-blk")).isEmpty();
    }
}
