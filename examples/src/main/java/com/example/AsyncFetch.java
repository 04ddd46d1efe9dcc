package com.example;

import dev.blockwork.async.AsyncTask;
import dev.blockwork.async.TaskGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Structured concurrency: 1,000 simulated requests of 50 ms each on virtual threads finish in about 50 ms. */
public class AsyncFetch {
    static String fetch(int id) throws InterruptedException {
        Thread.sleep(Duration.ofMillis(50)); // a network call, say
        return "response " + id;
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        List<AsyncTask<String>> tasks = new ArrayList<>();
        try (TaskGroup g = TaskGroup.open()) {
            for (int i = 0; i < 1000; i++) {
                int id = i;
                tasks.add(g.spawn(() -> fetch(id)));
            }
        } // all done here; had one failed, the others would have been cancelled
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(tasks.size() + " responses, the last: " + tasks.getLast().join() + (ms < 5_000 ? " (concurrently)" : " (slow!)"));
    }
}
