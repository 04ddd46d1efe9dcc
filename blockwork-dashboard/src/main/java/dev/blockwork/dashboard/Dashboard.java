package dev.blockwork.dashboard;

import dev.blockwork.dashboard.internal.DashboardServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The live dashboard, like Dask's: a page in the browser that shows, while computes run, the task stream
 * (one row per worker, a rectangle per task coloured by operation, erred tasks red), progress per
 * operation, the workers (memory, CPU, tasks running, over time), erred tasks with their remote stack
 * traces and stories, and the graph (operations always, tasks for small graphs), all live. It works the
 * same for every scheduler: it listens to the engine's events.
 *
 * <pre>{@code
 * Dashboard.start();                    // prints: blockwork dashboard: http://127.0.0.1:41873/
 * x.sum().compute();                    // watch it in the browser
 * }</pre>
 * Or set {@code dashboard=on} (system property {@code blockwork.dashboard}, env {@code BLOCKWORK_DASHBOARD},
 * or {@code blockwork.properties}): the first compute starts it. {@code blockwork demo --dashboard} does the
 * same for the demo.
 *
 * <p>The server is the JDK's own {@code com.sun.net.httpserver} with server-sent events: no extra process,
 * no jar beyond this one. It binds to {@code 127.0.0.1} by default ({@code dashboard.host},
 * {@code dashboard.port}; port 0 picks a free one). Bound to any other address it requires a random token,
 * part of the printed URL. The page only reads.
 *
 * <p>Cost: task events go to a per-thread buffer and are aggregated off the hot path, four times a second;
 * a page gets aggregated panels, never every task (a million-task compute stays responsive). See
 * docs/PERFORMANCE.md for the measured overhead.
 *
 * <p>Threading: every method is thread-safe. {@link #start()} starts at most one shared dashboard per JVM;
 * {@link #start(String, int)} starts an independent one (tests, several ports). {@link #close()} stops it
 * and disconnects its pages.
 */
public final class Dashboard implements AutoCloseable {
    private static Dashboard shared; // guarded by Dashboard.class

    private final DashboardServer server;
    private final URI url;

    private Dashboard(DashboardServer server, URI url) {
        this.server = server;
        this.url = url;
    }

    /**
     * Starts the shared dashboard where the settings say ({@code dashboard.host}, {@code dashboard.port})
     * and prints its URL to standard error, once; if it already runs, returns it.
     *
     * @return the running dashboard
     * @throws UncheckedIOException if the address cannot be bound (a port in use, say)
     */
    public static synchronized Dashboard start() {
        if (shared != null && !shared.server.isClosed()) return shared;
        shared = start(DashboardSettings.HOST.get(), DashboardSettings.PORT.getInt());
        System.err.println("blockwork dashboard: " + shared.url);
        return shared;
    }

    /**
     * Starts a dashboard on {@code host}:{@code port} (0 = a free port), printing nothing. Loopback needs no
     * token; any other address gets a random one, part of {@link #url()}.
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for a free one
     * @return the running dashboard
     * @throws UncheckedIOException if the address cannot be bound
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public static Dashboard start(String host, int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("dashboard port must be 0..65535 (0 = a free port), got " + port);
        try {
            InetAddress addr = InetAddress.getByName(host);
            String token = addr.isLoopbackAddress() ? null : HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            DashboardServer s = new DashboardServer(host, port, token);
            String shown = addr.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostName()
                    : (addr.getHostAddress().contains(":") ? "[" + addr.getHostAddress() + "]" : addr.getHostAddress());
            return new Dashboard(s, s.url(shown));
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard could not listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (set dashboard.port to a free port, or 0 for any)", e);
        }
    }

    /**
     * The shared dashboard, if {@link #start()} started it and it still runs.
     *
     * @return the shared dashboard, or empty
     */
    public static synchronized Optional<Dashboard> running() {
        return shared != null && !shared.server.isClosed() ? Optional.of(shared) : Optional.empty();
    }

    /**
     * The page's address (with {@code ?token=...} when one is needed).
     *
     * @return the URL to open
     */
    public URI url() { return url; }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() { return server.address().getPort(); }

    /**
     * Stops or resumes listening to computes; open pages stay connected and show nothing new meanwhile. For a
     * program that wants some computes off the dashboard (and for benchmarks that compare a compute with and
     * without it in one JVM).
     *
     * @param on whether to listen
     */
    public void listen(boolean on) { server.listen(on); }

    /**
     * How many pages are connected now.
     *
     * @return the number of open pages
     */
    public int pages() { return server.clients(); }

    /**
     * Prints the URL to {@code out}.
     *
     * @param out where to print
     */
    public void printUrl(PrintStream out) { out.println("blockwork dashboard: " + url); }

    /** Stops the server, disconnects its pages and stops listening to computes. Idempotent. */
    @Override
    public void close() {
        server.close();
        synchronized (Dashboard.class) {
            if (shared == this) shared = null;
        }
    }

    @Override
    public String toString() { return "Dashboard[" + url + ", " + pages() + " pages]"; }
}
