package dev.blockwork.cli.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.blockwork.async.Async;
import dev.blockwork.async.AsyncSemaphore;
import dev.blockwork.async.TaskGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An I/O-bound example: many concurrent HTTP requests against a small local server, one task per request.
 *
 * <p>It starts a JDK {@link HttpServer} on 127.0.0.1 (an ephemeral port) whose handler waits
 * {@link #SERVER_DELAY} to stand in for a backend, then spawns one task per request in a {@link TaskGroup};
 * an {@link AsyncSemaphore} keeps at most {@code concurrency} requests in flight, and
 * {@link Async#withTimeout} bounds each one by {@link #REQUEST_TIMEOUT}. It prints throughput and latency
 * percentiles (measured from sending to the full response, excluding time spent waiting for a permit).
 * Blocks until every request has finished; the server and client are closed before it returns.
 */
public final class HttpLoadExample {
    /** How long the server's handler waits before answering, standing in for a backend call. */
    public static final Duration SERVER_DELAY = Duration.ofMillis(5);
    /** The timeout around each request. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);

    private HttpLoadExample() {}

    /**
     * Sends {@code requests} GET requests with at most {@code concurrency} in flight and prints the results.
     *
     * @param out where it prints
     * @param requests how many requests, at least 1
     * @param concurrency the most in flight at once, at least 1
     * @throws IllegalArgumentException if {@code requests < 1} or {@code concurrency < 1}
     * @throws Exception if the server or a request fails
     */
    public static void run(PrintStream out, int requests, int concurrency) throws Exception {
        if (requests < 1) {
            throw new IllegalArgumentException("got " + requests + " requests, expected at least 1");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("got concurrency " + concurrency + ", expected at least 1");
        }
        try (ExecutorService serverThreads = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), Math.max(64, concurrency));
            server.createContext("/hello", HttpLoadExample::handle);
            server.setExecutor(serverThreads);
            server.start();
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(REQUEST_TIMEOUT).executor(clientThreads).build()) {
                URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello");
                out.printf("http-load: %d GET requests to %s, at most %d in flight, %d ms timeout each,"
                                + " server answers after %d ms%n", requests, uri, concurrency,
                        REQUEST_TIMEOUT.toMillis(), SERVER_DELAY.toMillis());
                drive(out, client, uri, requests, concurrency);
            } finally {
                server.stop(0);
            }
        }
    }

    private static void drive(PrintStream out, HttpClient client, URI uri, int requests, int concurrency) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        AsyncSemaphore inFlight = new AsyncSemaphore(concurrency);
        long[] latencyNanos = new long[requests];
        Arrays.fill(latencyNanos, -1);
        AtomicInteger timeouts = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        try (TaskGroup g = TaskGroup.open("http-load")) {
            for (int i = 0; i < requests; i++) {
                int slot = i;
                g.spawn(() -> inFlight.withPermit(() -> {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = Async.withTimeout(REQUEST_TIMEOUT,
                                () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
                        if (response.statusCode() == 200) {
                            latencyNanos[slot] = System.nanoTime() - sent;
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (TimeoutException e) {
                        timeouts.incrementAndGet();
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    return null;
                }));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] ok = Arrays.stream(latencyNanos).filter(n -> n >= 0).toArray();
        out.printf("http-load: %d ok, %d timed out, %d failed in %.3f s: %.0f requests/s%n",
                ok.length, timeouts.get(), errors.get(), seconds, requests / seconds);
        if (ok.length > 0) {
            LatencySummary s = new LatencySummary(ok);
            out.printf("http-load: latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    s.percentileMillis(50), s.percentileMillis(90), s.percentileMillis(99),
                    s.percentileMillis(100));
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Async.sleep(SERVER_DELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(BODY);
            }
        }
    }

    /**
     * Command-line entry point: {@code [requests [concurrency]]}, default 10000 and 200.
     *
     * @param args {@code [requests [concurrency]]}
     * @throws Exception if the server or a request fails
     */
    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        run(System.out, requests, concurrency);
    }
}
