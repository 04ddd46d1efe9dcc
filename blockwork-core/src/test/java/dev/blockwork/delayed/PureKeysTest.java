package dev.blockwork.delayed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.fn.Fn1;
import dev.blockwork.futures.Client;
import dev.blockwork.graph.Tokens;
import dev.blockwork.schedule.ComputeOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Keys: unique by default (in this JVM and across JVMs, never a bare counter two clients could share); named by
 * what they compute with {@link Delayed#pure()} (Dask's {@code tokenize}): the same in another JVM, shared inside a
 * graph, and changed by anything that changes the result (arguments, captured values, the function).
 */
class PureKeysTest {
    static final AtomicInteger CALLS = new AtomicInteger();

    static int inc(int x) { return x + 1; }

    static int dec(int x) { return x - 1; }

    static int counted(int x) {
        CALLS.incrementAndGet();
        return x * 10;
    }

    static int add(int a, int b) { return a + b; }

    record Point(int x, String label) {}

    record Other(int x, String label) {}

    static Fn1<Integer, Integer> adder(int n) { return v -> v + n; }

    @Test
    void callsAreImpureByDefaultWithUniqueKeysOfTheTokenShape() {
        Delayed<Integer> a = Delayed.of(PureKeysTest::inc, 1), b = Delayed.of(PureKeysTest::inc, 1);
        assertThat(a.key()).isNotEqualTo(b.key());
        assertThat(a.key().name()).matches("inc-[0-9a-f]{32}");
        assertThat(Tokens.unique()).hasSize(32).isNotEqualTo(Tokens.unique());
        try (Client c = Client.create("sync")) {
            assertThat(c.submit(PureKeysTest::inc, 1).key()).isNotEqualTo(c.submit(PureKeysTest::inc, 1).key());
            assertThat(c.submit(PureKeysTest::inc, 1).key().name()).matches("inc-[0-9a-f]{32}");
        }
    }

    @Test
    void pureCallsAreNamedByFunctionAndArguments() {
        assertThat(Delayed.of(PureKeysTest::inc, 1).pure().key()).isEqualTo(Delayed.of(PureKeysTest::inc, 1).pure().key());
        assertThat(Delayed.of(PureKeysTest::inc, 1).pure().key()).isNotEqualTo(Delayed.of(PureKeysTest::inc, 2).pure().key());
        assertThat(token(Delayed.of(PureKeysTest::inc, 1).pure())).as("another function")
                .isNotEqualTo(token(Delayed.of(PureKeysTest::dec, 1).pure()));
        assertThat(Delayed.of(PureKeysTest::inc, 1L).pure().key()).as("a long is not an int").isNotEqualTo(Delayed.of(PureKeysTest::inc, 1).pure().key());
        // captured values are part of a lambda's identity
        assertThat(Delayed.of(adder(1), 5).pure().key()).isEqualTo(Delayed.of(adder(1), 5).pure().key());
        assertThat(Delayed.of(adder(1), 5).pure().key()).isNotEqualTo(Delayed.of(adder(2), 5).pure().key());
        // only a caller that promises purity names functions by their code
        assertThatThrownBy(() -> Tokens.of(adder(1))).isInstanceOf(Tokens.NotTokenizable.class);
        assertThat(Tokens.ofPure(adder(1))).isEqualTo(Tokens.ofPure(adder(1))).isNotEqualTo(Tokens.ofPure(adder(2)));
        // records by class and components
        assertThat(Tokens.of(new Point(1, "a"))).isEqualTo(Tokens.of(new Point(1, "a")))
                .isNotEqualTo(Tokens.of(new Point(2, "a"))).isNotEqualTo(Tokens.of(new Other(1, "a")));
        // a pure call on pure inputs is pure all the way down
        Delayed<Integer> x = Delayed.of(PureKeysTest::add, Delayed.of(PureKeysTest::inc, 1).pure(), 3).pure();
        Delayed<Integer> y = Delayed.of(PureKeysTest::add, Delayed.of(PureKeysTest::inc, 1).pure(), 3).pure();
        assertThat(x.key()).isEqualTo(y.key());
        assertThat(Delayed.of(PureKeysTest::add, Delayed.of(PureKeysTest::inc, 1), 3).pure().key())
                .as("an impure input makes a new key").isNotEqualTo(x.key());
    }

    private static String token(Delayed<?> d) {
        String k = d.key().name();
        return k.substring(k.lastIndexOf('-') + 1);
    }

    @Test
    void constantsAreNamedByTheirValue() {
        assertThat(Delayed.value(List.of(1, 2, 3)).key()).isEqualTo(Delayed.value(List.of(1, 2, 3)).key());
        assertThat(Delayed.value(List.of(1, 2, 3)).key()).isNotEqualTo(Delayed.value(List.of(1, 2, 4)).key());
        assertThat(Delayed.value(new Object()).key()).as("no stable identity: unique").isNotEqualTo(Delayed.value(new Object()).key());
    }

    @Test
    void aPureCallUsedTwiceInOneGraphRunsOnce() {
        CALLS.set(0);
        Delayed<Integer> s = Delayed.of(PureKeysTest::add, Delayed.of(PureKeysTest::counted, 4).pure(), Delayed.of(PureKeysTest::counted, 4).pure());
        assertThat(s.compute(ComputeOptions.defaults().withScheduler("threads").withProgress(false))).isEqualTo(80);
        assertThat(CALLS.get()).isEqualTo(1);
    }

    @Test
    void aCallWithoutStableIdentityCannotBePureAndSaysWhy() {
        Object opaque = new Object();
        assertThatThrownBy(() -> Delayed.of((Object o) -> o.hashCode(), opaque).pure())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot name lambda").hasMessageContaining("no stable token for a java.lang.Object");
        AtomicInteger captured = new AtomicInteger();
        assertThatThrownBy(() -> Delayed.of((Integer i) -> i + captured.get(), 1).pure())
                .hasMessageContaining("no stable token for a java.util.concurrent.atomic.AtomicInteger");
    }

    /** Prints the pure keys of a few calls: run in another JVM, they must come out the same. */
    public static final class PrintKeys {
        public static void main(String[] args) {
            System.out.println(keys());
        }

        static String keys() {
            return Delayed.of(PureKeysTest::add, Delayed.of(PureKeysTest::inc, 1).pure(), 3).pure().key() + " "
                    + Delayed.of(adder(7), new Point(3, "p")).pure().key() + " " + Delayed.value(new double[] {1, 2}).key();
        }
    }

    @Test
    void pureKeysAreTheSameInAnotherJvm() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), PrintKeys.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(PrintKeys.keys());
    }
}
