package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded log of task transitions for one execution (dask/distributed's transition log): the newest
 * {@code capacity} entries are kept, older ones are overwritten. Written on cold paths only (retries,
 * failures, cancels), and on every transition when the compute asked for full stories
 * ({@link ComputeOptions#withStory(boolean)}). Thread-safe (a lock: never on the fast path by default).
 */
final class StoryLog {
    private final int capacity;
    private Transition[] ring; // allocated on first entry
    private long next;

    StoryLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    synchronized void add(Transition t) {
        if (ring == null) ring = new Transition[Math.min(capacity, 64)];
        if (next < capacity && next == ring.length) ring = java.util.Arrays.copyOf(ring, (int) Math.min(capacity, 2L * ring.length));
        ring[(int) (next % capacity)] = t;
        next++;
    }

    /** The kept entries for {@code key}, oldest first. */
    synchronized List<Transition> story(Key key) {
        List<Transition> out = new ArrayList<>();
        if (ring == null) return out;
        long from = Math.max(0, next - capacity);
        for (long i = from; i < next; i++) {
            Transition t = ring[(int) (i % capacity)];
            if (t.key().equals(key)) out.add(t);
        }
        return out;
    }

    /** The last {@code n} entries of all tasks, oldest first. */
    synchronized List<Transition> recent(int n) {
        List<Transition> out = new ArrayList<>();
        if (ring == null) return out;
        for (long i = Math.max(Math.max(0, next - capacity), next - n); i < next; i++) out.add(ring[(int) (i % capacity)]);
        return out;
    }
}
