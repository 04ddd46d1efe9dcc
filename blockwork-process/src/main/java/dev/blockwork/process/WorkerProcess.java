package dev.blockwork.process;

import dev.blockwork.process.internal.Launcher;
import dev.blockwork.process.internal.StaticCall;
import dev.blockwork.process.serial.Serialization;
import dev.blockwork.spi.Serializer;
import dev.blockwork.process.serial.UnserializableException;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM running one task: a {@link WorkerTask} lambda, a {@link SerializableConsumer} with an
 * argument, or a public static method, on the same class path as this JVM.
 *
 * <pre>{@code
 * try (WorkerProcess w = WorkerProcess.start(conn -> conn.send("hi"), pipe.second())) {
 *     int status = w.join();
 * }
 * }</pre>
 *
 * <p>Contract: {@code start} serializes the task in the calling thread, so an unserializable task or
 * argument fails there with {@link UnserializableException} naming the class. The worker exits with
 * status 0 when the task returns, 1 when it throws (its stack trace is printed on the worker's
 * stderr), 2 when it cannot read its task, 3 when this (parent) process died. Its stdout and stderr
 * are forwarded line by line to ours, prefixed with {@code [name pid]} (default), captured
 * ({@link Output#CAPTURE}, read with {@link #stdout()}), or inherited unprefixed. Every {@code join}
 * has a timed form; {@link #close} kills a worker still running and waits for it.
 *
 * <p>Implementation overview: {@code ProcessBuilder} runs {@code java ... WorkerMain}
 * ({@link Launcher}); the task travels as one length-prefixed frame on the worker's stdin. One
 * virtual thread per output stream forwards or captures lines.
 */
public final class WorkerProcess implements AutoCloseable {
    /** What happens to the worker's stdout and stderr. */
    public enum Output {
        /** Forwarded to this JVM's stdout and stderr line by line, each line prefixed with {@code [name pid]}. */
        PREFIXED,
        /** Kept in memory, unprinted: read with {@link #stdout()} and {@link #stderr()}. */
        CAPTURE,
        /** The worker writes to this JVM's own stdout and stderr, unprefixed. */
        INHERIT
    }

    /** How many of its last output lines a worker keeps for the errors that report its death ({@link #outputTail}). */
    static final int OUTPUT_TAIL_LINES = 20;

    private final String name;
    private final Process process;
    private final String classPath;
    /**
     * The last {@link #OUTPUT_TAIL_LINES} lines of stdout and stderr together (the JVM reports some start-up
     * failures on stdout, the launcher others on stderr), whatever the output mode but INHERIT; guarded by itself.
     */
    private final java.util.ArrayDeque<String> outputTail = new java.util.ArrayDeque<>();

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final List<Thread> pumps = new ArrayList<>(2);

    private WorkerProcess(String name, Process process, String classPath) {
        this.name = name;
        this.process = process;
        this.classPath = classPath;
    }

    /**
     * Starts a worker running {@code task}, with the builder's defaults.
     *
     * @param task the task, serializable
     * @return the running worker; close it (or join it) to reap it
     * @throws UnserializableException if the task or an argument cannot be serialized (no JVM is started)
     * @throws java.io.UncheckedIOException if the worker JVM cannot be launched
     */
    public static WorkerProcess start(WorkerTask task) { return builder().start(task); }

    /**
     * Starts a worker running {@code task.accept(argument)}, with the builder's defaults.
     *
     * @param task     the task, serializable
     * @param argument its argument, serializable (may be null)
     * @param <T>      the argument's type
     * @return the running worker; close it (or join it) to reap it
     * @throws UnserializableException if the task or an argument cannot be serialized (no JVM is started)
     * @throws java.io.UncheckedIOException if the worker JVM cannot be launched
     */
    public static <T> WorkerProcess start(SerializableConsumer<T> task, T argument) { return builder().start(task, argument); }

    /**
     * Starts a worker running the public static method {@code type.method(args...)}, with the builder's defaults;
     * only the names and the arguments travel, so {@code type} must be on the worker's class path.
     *
     * @param type   the class that declares the method
     * @param method the method's name
     * @param args   its arguments, serializable
     * @return the running worker; close it (or join it) to reap it
     * @throws UnserializableException if the task or an argument cannot be serialized (no JVM is started)
     * @throws java.io.UncheckedIOException if the worker JVM cannot be launched
     */
    public static WorkerProcess start(Class<?> type, String method, Object... args) { return builder().start(type, method, args); }

    /** {@return a builder of workers with the defaults: name {@code worker}, {@link Output#PREFIXED}, no extra flags} */
    public static Builder builder() { return new Builder(); }

    /** Options for starting a worker. */
    public static final class Builder {
        private String name = "worker";
        private Output output = Output.PREFIXED;
        private final List<String> jvmArgs = new ArrayList<>();

        /** A builder with the defaults, as {@link WorkerProcess#builder()} returns. */
        public Builder() {}

        /**
         * The worker's name, used in output prefixes and errors; default {@code worker}.
         *
         * @param name the name, not null
         * @return this
         * @throws NullPointerException if {@code name} is null
         */
        public Builder name(String name) { this.name = Objects.requireNonNull(name); return this; }

        /**
         * What happens to the worker's stdout and stderr; default {@link Output#PREFIXED}.
         *
         * @param output the output handling, not null
         * @return this
         * @throws NullPointerException if {@code output} is null
         */
        public Builder output(Output output) { this.output = Objects.requireNonNull(output); return this; }

        /**
         * Extra JVM flags, added to those of earlier calls.
         *
         * @param args flags, one argument each, e.g. {@code -Xmx256m}
         * @return this
         */
        public Builder jvmArgs(String... args) { jvmArgs.addAll(List.of(args)); return this; }

        /**
         * Starts a worker running {@code task}; the task is serialized in this thread.
         *
         * @param task the task, serializable
         * @return the running worker; close it (or join it) to reap it
         * @throws UnserializableException if the task or an argument cannot be serialized (no JVM is started)
         * @throws java.io.UncheckedIOException if the worker JVM cannot be launched
         */
        public WorkerProcess start(WorkerTask task) {
            Objects.requireNonNull(task, "task");
            byte[] bytes;
            java.util.Set<String> trust = new java.util.HashSet<>();
            try {
                bytes = dev.blockwork.process.serial.ClassAllowList.collecting(trust, () -> Serialization.get().serialize(task).copy());
            } catch (UnserializableException e) {
                throw new UnserializableException(e.offendingClass(), "the task " + task + " of worker " + name, e);
            }
            return launch(bytes, trust);
        }

        /**
         * Starts a worker running {@code task.accept(argument)}.
         *
         * @param task     the task, serializable
         * @param argument its argument, serializable (may be null)
         * @param <T>      the argument's type
         * @return the running worker; close it (or join it) to reap it
         * @throws UnserializableException if the task or an argument cannot be serialized (no JVM is started)
         * @throws java.io.UncheckedIOException if the worker JVM cannot be launched
         */
        public <T> WorkerProcess start(SerializableConsumer<T> task, T argument) {
            Objects.requireNonNull(task, "task");
            return start(new BoundTask<>(task, argument));
        }

        /**
         * Starts a worker running the public static method {@code type.method(args...)}; only the names and the
         * arguments travel, so {@code type} must be on the worker's class path.
         *
         * @param type   the class that declares the method
         * @param method the method's name
         * @param args   its arguments, serializable
         * @return the running worker; close it (or join it) to reap it
         * @throws UnserializableException if the task or an argument cannot be serialized (no JVM is started)
         * @throws java.io.UncheckedIOException if the worker JVM cannot be launched
         */
        public WorkerProcess start(Class<?> type, String method, Object... args) {
            return start(new StaticCall(type.getName(), method, args));
        }

        private WorkerProcess launch(byte[] task, java.util.Set<String> trust) {
            List<String> args = new ArrayList<>(jvmArgs);
            if (!trust.isEmpty()) { // the worker accepts the application's classes its task holds
                args.addFirst("-D" + dev.blockwork.process.serial.ClassAllowList.TRUSTED_PROPERTY + "=" + String.join(",", trust));
            }
            java.nio.file.Path code = dev.blockwork.process.internal.CodeBridge.socket(); // classes it lacks: ask us
            if (code != null) args.addFirst("-D" + dev.blockwork.process.internal.CodeBridge.SOCKET_PROPERTY + "=" + code);
            args.addFirst("-D" + dev.blockwork.schedule.RemoteTask.WORKER_NAME_PROPERTY + "=" + name); // what task reports name
            String classPath = Launcher.classPath();
            ProcessBuilder pb = new ProcessBuilder(Launcher.command(args, classPath));
            if (output == Output.INHERIT) {
                pb.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start worker JVM " + pb.command().getFirst(), e);
            }
            WorkerProcess w = new WorkerProcess(name, p, classPath);

            if (output != Output.INHERIT) {
                w.pump(p.getInputStream(), System.out, w.out, output == Output.CAPTURE, w.outputTail);
                w.pump(p.getErrorStream(), System.err, w.err, output == Output.CAPTURE, w.outputTail);
            }
            try (OutputStream os = p.getOutputStream(); DataOutputStream d = new DataOutputStream(os)) {
                d.writeInt(task.length);
                d.write(task);
            } catch (IOException e) {
                // the worker died before reading its task: join() reports its status
            }
            return w;
        }
    }

    record BoundTask<T>(SerializableConsumer<T> task, T argument) implements WorkerTask {
        @Override public void run() throws Exception { task.accept(argument); }
    }

    private void pump(InputStream in, PrintStream sink, StringBuilder capture, boolean capturing, java.util.ArrayDeque<String> tail) {
        String prefix = "[" + name + " " + process.pid() + "] ";
        pumps.add(Thread.ofVirtual().name(name + "-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (tail != null) {
                        synchronized (tail) {
                            if (tail.size() == OUTPUT_TAIL_LINES) tail.removeFirst();
                            tail.addLast(line);
                        }
                    }
                    if (capturing) {
                        synchronized (capture) { capture.append(line).append('\n'); }
                    } else {
                        sink.println(prefix + line);
                    }
                }
            } catch (IOException ignored) {
                // stream closed: the worker exited
            }
        }));
    }

    /** {@return the worker's name, as in its output prefix} */
    public String name() { return name; }

    /** {@return the worker JVM's process id} */
    public long pid() { return process.pid(); }

    /** {@return whether the worker JVM is still running} */
    public boolean isAlive() { return process.isAlive(); }

    /**
     * Waits, without a bound, for the worker to exit, then up to 2 s for its last output lines.
     *
     * @return the exit status: 0 the task returned, 1 it threw, 2 the worker could not read it, 3 this JVM died;
     *         128 + n if a signal n killed it
     * @throws InterruptedException if interrupted while waiting
     */
    public int join() throws InterruptedException {
        int s = process.waitFor();
        drainPumps(2_000);
        return s;
    }

    /**
     * Waits up to the timeout for the worker to exit (then up to 2 s more for its last output lines).
     *
     * @param timeout the longest wait, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return true if the worker exited, false on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        boolean done = process.waitFor(timeout, unit);
        if (done) drainPumps(2_000);
        return done;
    }

    private void drainPumps(long ms) throws InterruptedException {
        for (Thread t : pumps) t.join(ms);
    }

    /** {@return the exit status, or empty while the worker runs} Does not wait. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Sends SIGKILL (like {@code kill -9}). */
    public void kill() { process.destroyForcibly(); }

    /** Sends SIGTERM: the worker's shutdown hooks run. */
    public void terminate() { process.destroy(); }

    /** {@return the stdout captured so far; empty unless the output is {@link Output#CAPTURE}} */
    public String stdout() { synchronized (out) { return out.toString(); } }

    /** {@return the stderr captured so far; empty unless the output is {@link Output#CAPTURE}} */
    public String stderr() { synchronized (err) { return err.toString(); } }

    /** The class path the worker JVM was started with ({@code -cp}). */
    String classPath() { return classPath; }

    /**
     * The worker's last lines of output, stdout and stderr as they came (at most {@value #OUTPUT_TAIL_LINES}),
     * joined by newlines; empty with {@link Output#INHERIT} (its output is ours). Complete once {@link #join} has
     * seen the worker exit.
     */
    String outputTail() {
        synchronized (outputTail) { return String.join("\n", outputTail); }
    }

    /** Kills the worker if it is still running and waits (up to 10 s) for it to exit. */
    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            drainPumps(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WorkerProcess[" + name + " pid " + pid() + (isAlive() ? " running" : " exited " + process.exitValue()) + "]";
    }
}
