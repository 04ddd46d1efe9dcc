package dev.blockwork.cli.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** Part (1): the seed's threading chapter — one thread printing Hello, then several threads sharing a lock. */
final class ThreadsDemo {
    private ThreadsDemo() {}

    /** @param quick 10,000 lock increments per thread instead of 100,000 */
    static void run(PrintStream out, boolean quick) {
        int increments = quick ? 10_000 : 100_000;
        long t0 = System.nanoTime();
        Thread hello = Thread.ofPlatform().name("hello").start(() -> {
            for (int i = 0; i < 5; i++) out.println("Hello (from thread " + Thread.currentThread().getName() + ")");
        });
        join(hello);
        out.printf("one thread printed Hello 5 times in %.2f ms%n", (System.nanoTime() - t0) / 1e6);

        t0 = System.nanoTime();
        ReentrantLock lock = new ReentrantLock();
        int[] counter = {0};
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().name("worker-" + t).start(() -> {
                for (int i = 0; i < increments; i++) {
                    lock.lock();
                    try { counter[0]++; } finally { lock.unlock(); }
                }
                lock.lock();
                try { out.println(Thread.currentThread().getName() + " done (holding the lock to print)"); } finally { lock.unlock(); }
            }));
        }
        threads.forEach(ThreadsDemo::join);
        out.printf("4 threads incremented a shared counter under one lock: %d (expected %d) in %.2f ms%n",
                counter[0], 4 * increments, (System.nanoTime() - t0) / 1e6);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
