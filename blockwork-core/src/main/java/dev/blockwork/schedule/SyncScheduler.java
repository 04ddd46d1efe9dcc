package dev.blockwork.schedule;

import java.util.Set;

/**
 * Runs every task in the calling thread, one at a time, in priority order: for debugging (a breakpoint
 * or a stack trace shows the user's code under the caller) and for tiny graphs. {@link #execute}
 * returns when the compute has ended.
 */
public final class SyncScheduler implements Scheduler {

    /** Registers {@code sync} (also {@code synchronous}, {@code single-threaded}). */
    public static final class Provider implements SchedulerProvider {
        /** Creates the provider (for {@link java.util.ServiceLoader}). */
        public Provider() {}

        @Override public Set<String> names() { return Set.of("sync", "synchronous", "single-threaded"); }
        @Override public Scheduler create() { return new SyncScheduler(); }
    }

    /** A scheduler of its own; {@code Schedulers.get("sync")} gives the shared one (they behave the same). */
    public SyncScheduler() {}

    @Override public String name() { return "sync"; }

    @Override public int parallelism() { return 1; }

    @Override
    public void execute(Execution exec) {
        int[] ready = exec.initialReady();
        IntStack stack = new IntStack();
        for (int i = ready.length - 1; i >= 0; i--) stack.push(ready[i]);
        exec.enter();
        try {
            while (!stack.isEmpty() && !exec.isTerminated()) {
                int t = stack.pop();
                exec.run(t, stack);
            }
        } finally {
            exec.exit();
        }
    }
}
