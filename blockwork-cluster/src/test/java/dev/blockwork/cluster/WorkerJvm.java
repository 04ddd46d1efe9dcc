package dev.blockwork.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A worker JVM started by a test itself (where {@link LocalCluster}'s choices do not fit: another network
 * namespace, other worker options), with {@code LocalCluster}'s command line; {@link #ready()} completes with its ready
 * line, or fails with what it printed before it ended. It halts when its stdin closes or this JVM exits.
 */
record WorkerJvm(Process process, CompletableFuture<String> ready) {
    static WorkerJvm start(List<String> prefix, String name, String clusterName, List<String> options) throws IOException {
        options = new ArrayList<>(options);
        options.addAll(List.of("--cluster", clusterName, "--threads", "1"));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(LocalCluster.workerCommand(name, options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        StringBuilder early = new StringBuilder();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("blockwork worker ")) ready.complete(line);
                    else if (!ready.isDone()) early.append(line).append('\n');
                }
            } catch (IOException e) {
                // the worker ended: below
            }
            ready.completeExceptionally(new IllegalStateException("worker " + name + " ended before it was ready:\n" + early));
        });
        return new WorkerJvm(p, ready);
    }

    /** Closes its stdin (it halts) and waits, bounded, for it to end; kills it if it does not. */
    void stop() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
