package dev.blockwork.cli.examples;

import dev.blockwork.async.Async;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The seed's {@code print_hello} coroutine, in Java:
 *
 * <pre>
 * async def print_hello():
 *     for i in range(5):
 *         print("Hello")
 *         await asyncio.sleep(0.1)
 * asyncio.run(print_hello())
 * </pre>
 *
 * <p>{@link Async#run} plays {@code asyncio.run}: it runs the body on a virtual thread and waits for it;
 * {@link Async#sleep} suspends that virtual thread without holding a platform thread. Blocks the caller for
 * about half a second.
 */
public final class HelloAsync {
    /** The pause between greetings (the seed sleeps 1 s; shortened for the demo). */
    public static final Duration PAUSE = Duration.ofMillis(100);
    /** How many greetings. */
    public static final int GREETINGS = 5;

    private HelloAsync() {}

    /**
     * Runs the coroutine, printing each greeting and then what ran and how long it took.
     *
     * @param out where it prints
     * @throws Exception if the example fails
     */
    public static void run(PrintStream out) throws Exception {
        long start = System.nanoTime();
        String where = Async.run(() -> {
            printHello(out);
            return Thread.currentThread().isVirtual() ? "a virtual thread" : "a platform thread";
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("print_hello: %d x Hello with a %d ms sleep after each, on %s, took %.3f s%n",
                GREETINGS, PAUSE.toMillis(), where, seconds);
    }

    /** The coroutine body: five greetings, each followed by a sleep. */
    static void printHello(PrintStream out) throws InterruptedException {
        for (int i = 0; i < GREETINGS; i++) {
            out.println("Hello");
            Async.sleep(PAUSE);
        }
    }

    /**
     * Command-line entry point: prints to standard output.
     *
     * @param args ignored
     * @throws Exception if the example fails
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
