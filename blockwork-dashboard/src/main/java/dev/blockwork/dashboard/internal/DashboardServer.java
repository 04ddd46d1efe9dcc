package dev.blockwork.dashboard.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.blockwork.schedule.Listeners;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's server: the JDK's {@link HttpServer} on virtual threads, the page and its files, and one
 * server-sent-events stream ({@code /events}) per open page. A sampler thread drains the {@link Collector}
 * every {@link #TICK_MS} ms and sends every page the same delta message; a page that connects gets a full
 * snapshot first. The page only reads: there is no endpoint that changes anything.
 *
 * <p>A page that falls {@link #QUEUE} messages behind is disconnected; its browser reconnects by itself
 * (EventSource does) and starts again from a snapshot, so a slow page never holds memory or the sampler.
 */
public final class DashboardServer implements AutoCloseable {
    /** Milliseconds between messages. */
    public static final int TICK_MS = 250;
    static final int QUEUE = 64;
    private static final String CLOSE = "\u0000close";

    private final HttpServer http;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService sampler;
    private final Collector collector;
    private final Aggregator aggregator;
    private AutoCloseable registration; // guarded by this
    private final Probes probes = new Probes();
    private final String token; // null: none needed (loopback)
    private final CopyOnWriteArrayList<ArrayBlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
    private final Object tickLock = new Object();
    private long sentGraph, sentErrors;
    private volatile boolean closed;

    /**
     * Binds and starts serving; registers the collector as a global listener.
     *
     * @param host  the address to bind
     * @param port  the port, 0 for a free one
     * @param token the token requests must carry ({@code ?token=}), or null for none
     * @throws IOException if the address cannot be bound
     */
    public DashboardServer(String host, int port, String token) throws IOException {
        this.token = token;
        // live: tasks of one operation less than 0.2 ms apart, or any within 2 ms (a pixel of a 10 s window), merge
        this.aggregator = new Aggregator(System.nanoTime(), 200_000, 2_000_000, 0,
                (int) Math.min(Integer.MAX_VALUE, dev.blockwork.dashboard.DashboardSettings.TASK_EVENTS_MAX_TASKS.getLong()));
        this.collector = new Collector(aggregator, true);
        http = HttpServer.create(new InetSocketAddress(host, port), 64);
        http.setExecutor(handlers);
        http.createContext("/", this::page);
        http.createContext("/static/", this::file);
        http.createContext("/events", this::events);
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "blockwork-dashboard-sampler");
            t.setDaemon(true);
            return t;
        });
        startDaemon(http);
        registration = Listeners.register(collector);
        sampler.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops or resumes listening to computes (the page stays connected): for benchmarks that compare a compute
     * with and without the dashboard in the same JVM, run after run.
     */
    public synchronized void listen(boolean on) {
        if (on == (registration != null) || closed) return;
        if (on) {
            registration = Listeners.register(collector);
        } else {
            try { registration.close(); } catch (Exception e) { throw new IllegalStateException(e); }
            registration = null;
        }
    }

    /**
     * Starts {@code http} from a daemon thread: its dispatcher thread inherits that, so that a program that
     * turned the dashboard on still ends when its main thread does.
     */
    private static void startDaemon(HttpServer http) throws IOException {
        Thread t = new Thread(http::start, "blockwork-dashboard-start");
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.stop(0);
            throw new java.io.InterruptedIOException("interrupted while starting the dashboard");
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() { return closed; }

    /** The address it listens on. */
    public InetSocketAddress address() { return http.getAddress(); }

    public Aggregator aggregator() { return aggregator; }

    /** Pages connected now. */
    public int clients() { return clients.size(); }

    private void tick() {
        try {
            collector.drain();
            Aggregator.Probe probe = probes.measure(aggregator.workerPids());
            synchronized (tickLock) {
                String msg = aggregator.tick(System.nanoTime(), probe, false, sentGraph, sentErrors);
                sentGraph = aggregator.graphVersion();
                sentErrors = aggregator.errorSeq();
                for (ArrayBlockingQueue<String> q : clients) {
                    if (!q.offer(msg)) { // too far behind: let it reconnect and start from a snapshot
                        clients.remove(q);
                        q.clear();
                        q.offer(CLOSE);
                    }
                }
            }
        } catch (Throwable e) { // one bad tick must not stop the next ones
            System.getLogger(DashboardServer.class.getName()).log(System.Logger.Level.WARNING, "dashboard tick failed", e);
        }
    }

    // ---- handlers ------------------------------------------------------------------------------

    private boolean allowed(HttpExchange ex) throws IOException {
        if (token == null) return true;
        String q = ex.getRequestURI().getRawQuery();
        String given = null;
        if (q != null) for (String p : q.split("&")) if (p.startsWith("token=")) given = p.substring(6);
        if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) return true;
        send(ex, 403, "text/plain; charset=utf-8", "this dashboard needs the token printed with its URL: open the URL as printed\n");
        return false;
    }

    private void page(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/") && !path.equals("/index.html")) {
                send(ex, 404, "text/plain; charset=utf-8", "no such page: " + path + " (the dashboard is at /)\n");
                return;
            }
            if (!allowed(ex)) return;
            send(ex, 200, "text/html; charset=utf-8", Page.live());
        }
    }

    private void file(HttpExchange ex) throws IOException {
        try (ex) {
            String name = ex.getRequestURI().getPath().substring("/static/".length());
            String type = Page.STATIC.get(name);
            if (type == null) {
                send(ex, 404, "text/plain; charset=utf-8", "no such file: " + name + "\n");
                return;
            }
            byte[] body = Page.resource(name);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    /** One page's stream: a snapshot, then every tick's delta, until the page goes away or the server closes. */
    private void events(HttpExchange ex) throws IOException {
        try (ex) {
            if (!allowed(ex)) return;
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            ArrayBlockingQueue<String> q = new ArrayBlockingQueue<>(QUEUE + 1);
            String first;
            synchronized (tickLock) { // the snapshot and the registration together: no delta lost or doubled
                collector.drain();
                first = aggregator.snapshot(System.nanoTime(), probes.measure(List.of()));
                clients.add(q);
            }
            try {
                out.write(("retry: 1000\n\ndata: " + first + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (!closed) {
                    String m = q.poll(15, TimeUnit.SECONDS);
                    if (m == CLOSE) break; // CLOSE is only ever this one instance
                    out.write((m == null ? ": keep-alive\n\n" : "data: " + m + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // the page went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                clients.remove(q);
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    /** The page's address, with the token when one is needed. */
    public URI url(String shownHost) {
        return URI.create("http://" + shownHost + ":" + address().getPort() + "/" + (token == null ? "" : "?token=" + token));
    }

    @Override
    public void close() {
        if (closed) return;
        listen(false);
        closed = true;
        sampler.shutdownNow();
        for (ArrayBlockingQueue<String> q : clients) { q.clear(); q.offer(CLOSE); }
        http.stop(0);
        handlers.shutdownNow();
    }
}
