package dev.blockwork;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's examples, kept compiling and correct. */
class ReadmeExampleTest {
    static int square(int x) { return x * x; }

    static int inc(int x) { return x + 1; }

    static int add(int a, int b) { return a + b; }

    @Test
    void futuresExample() {
        try (Client client = Client.create()) {
            List<TaskFuture<Integer>> fs = client.map(ReadmeExampleTest::square, List.of(1, 2, 3, 4));
            TaskFuture<Integer> total = client.submitN("sum", xs -> (int) xs[0] + (int) xs[1], fs.get(0), fs.get(3));
            assertThat(client.gather(fs)).containsExactly(1, 4, 9, 16);
            assertThat(total.result()).isEqualTo(17);
        }
    }

    @Test
    void delayedExample() {
        Delayed<Integer> a = Delayed.of(ReadmeExampleTest::inc, 1);
        Delayed<Integer> b = Delayed.of(ReadmeExampleTest::inc, 2);
        Delayed<Integer> c = Delayed.of(ReadmeExampleTest::add, a, b);
        assertThat(c.compute()).isEqualTo(5);
    }
}
