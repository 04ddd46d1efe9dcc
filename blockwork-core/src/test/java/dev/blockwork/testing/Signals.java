package dev.blockwork.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Signals from tasks to the test that work across JVMs (worker processes, cluster members on this
 * machine): a loopback TCP server in the test JVM, and serializable {@link Handle}s that tasks use.
 * <ul>
 *   <li>{@link Handle#fire()} counts one event and returns the new count (so a task knows its attempt);
 *       it returns only once the test side has counted it.</li>
 *   <li>{@link Handle#hold()} opens a connection that stays open while the task runs; when the task stops,
 *       by its own end, an interrupt, or its process being killed, the test sees the connection close
 *       ({@link #awaitReleased}). That is how a test proves that cancelled work really stopped.</li>
 * </ul>
 * Waits are bounded and signalled (no polling sleeps). Close it to stop the server.
 */
public final class Signals implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, Integer> counts = new HashMap<>(); // guarded by this
    private final Thread acceptor;

    public Signals() {
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback server for test signals", e);
        }
        acceptor = Thread.ofPlatform().daemon().name("test-signals").start(this::accept);
    }

    /** A handle tasks can carry (it is serializable): events under {@code name}. */
    public Handle handle(String name) { return new Handle(server.getLocalPort(), name); }

    /** How many times {@code name} has fired. */
    public synchronized int count(String name) { return counts.getOrDefault(name, 0); }

    /** Waits until {@code name} fired at least {@code n} times; false on timeout. */
    public boolean await(String name, int n, Duration timeout) { return awaitCount(name, n, timeout); }

    /** Waits until {@code n} holds of {@code name} have been opened. */
    public boolean awaitHeld(String name, int n, Duration timeout) { return awaitCount("held:" + name, n, timeout); }

    /** Waits until {@code n} holds of {@code name} have been closed (their task stopped, however). */
    public boolean awaitReleased(String name, int n, Duration timeout) { return awaitCount("released:" + name, n, timeout); }

    private synchronized boolean awaitCount(String key, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (counts.getOrDefault(key, 0) < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized int bump(String key) {
        int n = counts.merge(key, 1, Integer::sum);
        notifyAll();
        return n;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread.ofVirtual().start(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream()); DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            boolean hold = in.readBoolean();
            String name = in.readUTF();
            out.writeInt(bump(hold ? "held:" + name : name));
            out.flush();
            if (hold) {
                try {
                    InputStream raw = s.getInputStream();
                    while (raw.read() >= 0) { } // until the task's side closes, or its process dies
                } catch (IOException reset) {
                    // a killed process's connection may end with a reset instead of an end of stream
                } finally {
                    bump("released:" + name);
                }
            }
        } catch (IOException e) {
            // a connection that broke before it said what it was: nothing to count
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        acceptor.interrupt();
    }

    /** What a task carries to signal the test. */
    public record Handle(int port, String name) implements java.io.Serializable {
        /** Counts one event; returns the count including this one. */
        public int fire() {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                 DataOutputStream out = new DataOutputStream(s.getOutputStream());
                 DataInputStream in = new DataInputStream(s.getInputStream())) {
                out.writeBoolean(false);
                out.writeUTF(name);
                out.flush();
                return in.readInt();
            } catch (IOException e) {
                throw new UncheckedIOException("test signal " + name + " to port " + port + " failed", e);
            }
        }

        /** Opens a hold: the test sees it released when this is closed or the process dies. */
        public AutoCloseable hold() {
            try {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeBoolean(true);
                out.writeUTF(name);
                out.flush();
                new DataInputStream(s.getInputStream()).readInt(); // counted
                return s::close;
            } catch (IOException e) {
                throw new UncheckedIOException("test hold " + name + " to port " + port + " failed", e);
            }
        }
    }
}
