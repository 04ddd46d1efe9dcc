package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.process.serial.UnserializableException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ProcessPool on two real worker JVMs, shared by the tests of this class. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessPoolTest {
    static ProcessPool pool;

    @BeforeAll
    static void start() { pool = ProcessPool.create(2); }

    @AfterAll
    static void stop() throws InterruptedException {
        pool.close();
        Leaks.assertClean();
    }

    static List<Integer> range(int n) { return IntStream.range(0, n).boxed().toList(); }

    @Test
    void mapKeepsInputOrderForAutomaticAndExplicitChunks() {
        List<Integer> in = range(1013);
        List<Integer> expected = in.stream().map(x -> x * x).toList();
        assertThat(pool.<Integer, Integer>map(x -> x * x, in)).isEqualTo(expected);
        assertThat(pool.<Integer, Integer>map(x -> x * x, in, 1)).isEqualTo(expected);
        assertThat(pool.<Integer, Integer>map(x -> x * x, in, 7)).isEqualTo(expected);
        assertThat(pool.<Integer, Integer>map(x -> x * x, List.of())).isEmpty();
    }

    @Test
    void mixedNullAndPrimitiveResultsSurvivePacking() {
        List<Integer> in = range(207);
        List<Object> r = pool.map(x -> x % 3 == 0 ? null : x % 3 == 1 ? (Object) (long) x : (Object) ("s" + x), in, 50);
        for (int i = 0; i < in.size(); i++) {
            assertThat(r.get(i)).isEqualTo(i % 3 == 0 ? null : i % 3 == 1 ? (Object) (long) i : "s" + i);
        }
        assertThat(pool.<Integer, Double>map(x -> x / 2.0, range(13), 13)).containsExactlyElementsOf(
                range(13).stream().map(x -> x / 2.0).toList());
        assertThat(pool.<Integer, Long>map(x -> (long) x << 40, range(9), 9)).containsExactlyElementsOf(
                range(9).stream().map(x -> (long) x << 40).toList());
    }

    @Test
    void oversizedOrUnserializableResultsFailTheTaskNotTheWorker() {
        List<Long> before = pool.workerPids();
        // large arrays and NDArrays travel through shared memory; other large values are bounded by the pipe
        assertThat(pool.apply(() -> new byte[8 << 20])).hasSize(8 << 20);
        assertThat(pool.<byte[], Integer>map(x -> x.length, List.of(new byte[8 << 20]), 1)).containsExactly(8 << 20);
        assertThatThrownBy(() -> pool.apply(() -> "x".repeat(8 << 20))).hasMessageContaining("ring capacity");
        assertThatThrownBy(() -> pool.apply(() -> new Object())).isInstanceOf(RemoteTaskException.class) // failed on the worker
                .hasMessageContaining("java.lang.Object").cause().isInstanceOf(UnserializableException.class);
        assertThatThrownBy(() -> pool.<String, Integer>map(String::length, List.of("x".repeat(8 << 20)), 1))
                .hasMessageContaining("worker pipe's capacity");
        assertThat(pool.workerPids()).isEqualTo(before);
    }

    @Test
    void anUnreadableResultFailsItsTaskNotThePool() {
        List<Long> before = pool.workerPids();
        // declared as Object: a class the task does not declare and nobody sent is refused on read
        assertThatThrownBy(() -> pool.apply(() -> (Object) new blockworktest.NotAllowedResult(1)))
                .isInstanceOf(RemoteTaskException.class).hasMessageContaining("could not be read")
                .hasMessageContaining("blockworktest.NotAllowedResult");
        assertThat(pool.<Integer, Integer>map(x -> x * 2, range(20), 1)).containsExactlyElementsOf(range(20).stream().map(x -> x * 2).toList());
        assertThat(pool.workerPids()).isEqualTo(before);
    }

    @Test
    void tasksRunInWorkerProcessesNotHere() {
        long me = ProcessHandle.current().pid();
        Set<Long> pids = new HashSet<>(pool.<Integer, Long>map(x -> ProcessHandle.current().pid(), range(200), 1));
        assertThat(pids).doesNotContain(me).isSubsetOf(pool.workerPids());
    }

    @Test
    void imapStreamsInOrderWithBackPressureAndImapUnorderedReturnsAll() {
        int[] pulled = {0};
        Iterable<Integer> lazy = () -> new Iterator<>() {
            int i;
            public boolean hasNext() { return i < 500; }
            public Integer next() { pulled[0]++; return i++; }
        };
        Iterator<Integer> it = pool.imap(x -> x + 1, lazy, 3);
        assertThat(it.next()).isEqualTo(1);
        assertThat(pulled[0]).as("inputs read lazily").isLessThan(500);
        List<Integer> rest = new ArrayList<>();
        it.forEachRemaining(rest::add);
        assertThat(rest).isEqualTo(IntStream.range(2, 501).boxed().toList());
        List<Integer> unordered = new ArrayList<>();
        pool.<Integer, Integer>imapUnordered(x -> -x, range(300), 4).forEachRemaining(unordered::add);
        assertThat(unordered).containsExactlyInAnyOrderElementsOf(range(300).stream().map(x -> -x).toList());
    }

    @Test
    void anImapWhoseChunkFailedGoesOnWithTheOtherChunksAndEnds() {
        for (boolean ordered : new boolean[] {true, false}) {
            Iterator<Integer> it = ordered
                    ? pool.<Integer, Integer>imap(x -> { if (x == 5) throw new IllegalArgumentException("bad 5"); return x; }, range(20), 5)
                    : pool.<Integer, Integer>imapUnordered(x -> { if (x == 5) throw new IllegalArgumentException("bad 5"); return x; }, range(20), 5);
            List<Integer> got = new ArrayList<>();
            int failures = 0;
            while (it.hasNext()) {   // the failed chunk (5..9) is consumed: no hang, no NullPointerException after it
                try {
                    got.add(it.next());
                } catch (RemoteTaskException e) {
                    failures++;
                    assertThat(e.getCause()).hasMessage("bad 5");
                }
            }
            assertThat(failures).as("ordered " + ordered).isEqualTo(1);
            assertThat(got).as("ordered " + ordered).containsExactlyInAnyOrderElementsOf(
                    range(20).stream().filter(x -> x < 5 || x >= 10).toList());
        }
    }

    @Test
    void applyApplyAsyncAndStarmap() throws Exception {
        assertThat(pool.apply(() -> "hi from " + ProcessHandle.current().pid())).startsWith("hi from ");
        CompletableFuture<Integer> f = pool.applyAsync(() -> 6 * 7);
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(42);
        List<Map.Entry<Integer, String>> pairs = List.of(Map.entry(2, "a"), Map.entry(3, "b"));
        assertThat(pool.<Integer, String, String>starmap((n, s) -> s.repeat(n), pairs, 1)).containsExactly("aa", "bbb");
    }

    /** Thrown to the caller with the caller's own frames; the worker's exception, of its own type, is the cause. */
    @Test
    void aThrowingTaskFailsTheCallAtTheCallerWithTheWorkersExceptionAsCause() {
        RemoteTaskException thrown = null;
        try {
            pool.<Integer, Integer>map(ProcessPoolTest::rejectFive, range(10), 2);
        } catch (RemoteTaskException e) {
            thrown = e;
        }
        assertThat(thrown).as("map threw RemoteTaskException").isNotNull()
                .hasMessageContaining("input #1 of chunk").hasMessageContaining("pid")
                .hasMessageContaining("java.lang.IllegalArgumentException: bad input 5");
        assertThat(thrown.getStackTrace()).as("the caller's frame is in the thrown exception's own trace")
                .anyMatch(f -> f.getClassName().equals(ProcessPoolTest.class.getName())
                        && f.getMethodName().equals("aThrowingTaskFailsTheCallAtTheCallerWithTheWorkersExceptionAsCause"))
                .noneMatch(f -> f.getClassName().contains("PoolWorkerDriver")); // not the driver thread's
        assertThat(thrown.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input 5");
        assertThat(thrown.getCause().getStackTrace()).as("the worker's trace")
                .anyMatch(f -> f.getMethodName().equals("rejectFive"))
                .anyMatch(f -> f.getClassName().endsWith("PoolWorkerLoop"));
        Throwable viaApply = org.assertj.core.api.Assertions.catchThrowable(() -> pool.apply(() -> rejectFive(5)));
        assertThat(viaApply).isInstanceOf(RemoteTaskException.class).cause().isInstanceOf(IllegalArgumentException.class);
        assertThat(viaApply.getStackTrace()).anyMatch(f -> f.getClassName().equals(ProcessPoolTest.class.getName()));
        assertThat(pool.<Integer, Integer>map(x -> x, range(3))).containsExactly(0, 1, 2); // pool still fine
    }

    static int rejectFive(int x) {
        if (x == 5) throw new IllegalArgumentException("bad input " + x);
        return x;
    }

    @Test
    void unserializableFunctionOrInputFailsAtSubmitNamingTheClass() {
        Thread t = Thread.currentThread();
        assertThatThrownBy(() -> pool.<Integer, String>map(x -> t.getName(), range(3)))
                .isInstanceOf(UnserializableException.class).hasMessageContaining("java.lang.Thread")
                .hasMessageContaining("function");
        assertThatThrownBy(() -> pool.<Object, Object>map(x -> x, List.of(new Object())))
                .isInstanceOf(UnserializableException.class).hasMessageContaining("java.lang.Object")
                .hasMessageContaining("inputs [0, 1)");
    }

    @Test
    void itsReprSaysNameSizeAndState() {
        assertThat(pool.toString()).isEqualTo("<ProcessPool pool: 2 workers, open>");
        ProcessPool closed = ProcessPool.create(new PoolOptions().processes(1).name("solo"));
        closed.close();
        assertThat(closed.toString()).isEqualTo("<ProcessPool solo: 1 worker, terminated>"); // singular for one
    }
}
