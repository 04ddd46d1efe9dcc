package dev.blockwork.cluster.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which queued tasks to take back from busy workers for idle ones: the decision of work stealing, no I/O (the
 * {@link ClusterExecutor} sends the {@link Messages.Steal}s and re-ships what comes back).
 *
 * <p>Rules, in the spirit of Dask's {@code distributed/stealing.py} but much simpler:
 * <ul>
 *   <li>A <em>thief</em> has free task threads (fewer tasks in flight than its {@code threads}) and is not over its
 *       memory limit. A <em>victim</em> has queued work: more in flight than its {@code threads} (tasks sent, not
 *       yet reported; some may have finished there unseen, and the worker then simply gives fewer back).
 *   <li>Each victim gets at most one steal at a time ({@link MemberLink#stealing}); tasks asked for in steals still
 *       out count against the thieves' free threads, so that a reply on its way is not asked for twice.
 *   <li>A steal asks for half of the victim's excess (at least 1, at most {@code cap}), naming its in-flight tasks
 *       most recently sent first (the tail of its queue, which it would start last).
 *   <li>Too short to steal: a task whose label's tasks took under {@value #MIN_TASK_NS} ns on average (an
 *       exponential average of what workers reported) stays where it is: the steal and the re-send would cost
 *       more than it saves (Dask's rule is 5 ms). A label never seen finishing counts as long (Dask assumes
 *       0.5 s for unknown tasks): tasks that have not finished yet may be the slow ones.
 *   <li>Transfer cost against compute time, crudely: a task with at least {@link ClusterExecutor#LOCALITY_MIN_BYTES}
 *       of its inputs on the victim (placed there for locality) is taken only for a thief with nothing in flight
 *       at all: an idle thread is worth a copy, a busy one is not.
 * </ul>
 * Thread-safe: {@link #finished} runs on reply threads, {@link #plan} under the executor's shipping lock.
 */
final class StealPolicy {
    /** Tasks whose label averages less than this are not stolen. */
    static final long MIN_TASK_NS = 1_000_000L;
    /** Labels whose durations are kept at most (beyond, new labels count as unknown: long). */
    private static final int MAX_LABELS = 4096;
    /** Average task duration by label, nanoseconds. */
    private final java.util.Map<String, Long> durations = new java.util.concurrent.ConcurrentHashMap<>();

    /** One steal to send: ask {@code victim} for up to {@code max} of {@code ids} (tail first). */
    record Steal(MemberLink victim, long[] ids, int max) {}

    /** A task labelled {@code label} ran {@code ns} on a worker. */
    void finished(String label, long ns) {
        if (label == null) label = "";
        if (ns < 0 || (durations.size() >= MAX_LABELS && !durations.containsKey(label))) return;
        durations.merge(label, ns, (old, x) -> old - old / 4 + x / 4);
    }

    private boolean longEnough(String label) {
        Long ns = durations.get(label == null ? "" : label);
        return ns == null || ns >= MIN_TASK_NS;
    }

    /**
     * The steals to send now over {@code links}; {@code outstanding}: tasks asked for in steals still out;
     * {@code cap}: most tasks one steal asks for. Marks each victim chosen as {@linkplain MemberLink#stealing stealing}.
     */
    List<Steal> plan(Collection<MemberLink> links, int outstanding, int cap) {
        int free = -outstanding;
        boolean idleThief = false;
        List<MemberLink> victims = new ArrayList<>();
        for (MemberLink l : links) {
            if (l.dead) continue;
            int n = l.inFlight.size();
            if (n < l.threads && !l.overMemory()) { // a worker over its memory limit gets new work only for its own data
                free += l.threads - n;
                if (n == 0) idleThief = true;
            } else if (n > l.threads && !l.stealing.get()) {
                victims.add(l);
            }
        }
        if (free <= 0 || victims.isEmpty()) return List.of();
        victims.sort((a, b) -> Integer.compare(b.inFlight.size() - b.threads, a.inFlight.size() - a.threads));
        List<Steal> out = new ArrayList<>();
        for (MemberLink v : victims) {
            if (free <= 0) break;
            int want = Math.min(cap, Math.max(1, (v.inFlight.size() - v.threads) / 2));
            long[] ids = candidates(v, idleThief);
            if (ids.length == 0 || !v.stealing.compareAndSet(false, true)) continue;
            out.add(new Steal(v, ids, Math.min(want, ids.length)));
            free -= want;
        }
        return out;
    }

    /** {@code victim}'s in-flight tasks that may be stolen, most recently sent first (ids grow with each send). */
    private long[] candidates(MemberLink victim, boolean idleThief) {
        long[] ids = new long[victim.inFlight.size() + 16];
        int n = 0;
        for (ClusterExecutor.InFlight f : victim.inFlight.values()) {
            if (f.run().exec.isTerminated() || !longEnough(f.call().label())) continue;
            if (!idleThief && bytesOn(victim, f) >= ClusterExecutor.LOCALITY_MIN_BYTES) continue;
            if (n == ids.length) ids = java.util.Arrays.copyOf(ids, 2 * n);
            ids[n++] = f.id();
        }
        long[] out = java.util.Arrays.copyOf(ids, n);
        java.util.Arrays.sort(out);
        for (int i = 0, j = n - 1; i < j; i++, j--) { // descending: the tail of the victim's queue first
            long t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** Bytes of {@code f}'s inputs that {@code victim} holds (what moving the task would copy). */
    static long bytesOn(MemberLink victim, ClusterExecutor.InFlight f) {
        long b = 0;
        for (ClusterHeld h : f.inputs().values()) if (h.link == victim) b += Math.max(0, h.size);
        return b;
    }
}
