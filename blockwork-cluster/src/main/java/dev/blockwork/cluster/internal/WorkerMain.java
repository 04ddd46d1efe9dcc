package dev.blockwork.cluster.internal;

import dev.blockwork.cluster.Worker;
import dev.blockwork.cluster.WorkerOptions;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of the worker JVMs {@link dev.blockwork.cluster.LocalCluster} starts: starts a {@link Worker},
 * prints its ready line, and halts when its parent process exits or its standard input closes (no orphans).
 *
 * <p>Arguments: {@code --name N --cluster C --port P --bind ADDRESS --join a:p,b:q --threads T --memory BYTES --parent PID
 * --code MODE}.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws Exception {
        WorkerOptions o = new WorkerOptions();
        long parent = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--name" -> o.name(v);
                case "--cluster" -> o.clusterName(v);
                case "--port" -> o.port(Integer.parseInt(v), false);
                case "--bind" -> o.bind(v);
                case "--join" -> o.join(v.isEmpty() ? List.of() : Arrays.asList(v.split(",")));
                case "--threads" -> o.threads(Integer.parseInt(v));
                case "--memory" -> o.memoryLimit(Long.parseLong(v));
                case "--parent" -> parent = Long.parseLong(v);
                case "--code" -> o.code(v);
                default -> throw new IllegalArgumentException("got worker option " + args[i] + ", expected --name, --cluster, --port, --bind, --join, --threads, --memory, --parent or --code");
            }
        }
        if (parent > 0) { // the parent died (kill -9 included): halt, leaving no orphan
            ProcessHandle.of(parent).ifPresentOrElse(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)), () -> Runtime.getRuntime().halt(3));
        }
        Worker w;
        try {
            w = Worker.start(o);
        } catch (Throwable e) { // Hazelcast's threads would keep this JVM alive with no worker: end it, saying why
            System.err.println("could not start worker " + o.name() + ": " + e);
            e.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(1);
            return;
        }
        System.out.println(w.readyLine());
        System.out.flush();
        // The parent closes our stdin to stop us (or dies: the same end of stream).
        while (System.in.read() >= 0) { /* nothing is sent on stdin */ }
        Runtime.getRuntime().halt(0);
    }
}
