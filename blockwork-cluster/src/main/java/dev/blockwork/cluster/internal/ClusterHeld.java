package dev.blockwork.cluster.internal;

import dev.blockwork.schedule.Execution;
import dev.blockwork.schedule.HeldResult;
import dev.blockwork.schedule.WorkerLostException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A result held by a cluster worker: the engine's handle for it (its id in that worker's store, the worker, its
 * size, and the value itself when it was small enough to come back with the task's report).
 *
 * <p>{@link #fetch()} asks the holder for the value (a Hazelcast call) unless it came inline; it throws
 * {@link WorkerLostException} once the holder has left the cluster. {@link #release()} queues a release for the
 * holder (sent in the next batch of releases), once.
 */
final class ClusterHeld implements HeldResult {
    static final Object NOT_INLINE = new Object();
    final MemberLink link;
    final long id;
    final long size;
    final Object inline;
    /**
     * The compute and task that made it, for {@link Execution#lost} when its holder leaves (none for a dataset's).
     * Weakly: a handle kept after its compute ended (a persisted block, a future's value) must not keep that
     * compute alive, and with it what it refers to, such as the future whose reachability releases this handle.
     */
    private final java.lang.ref.WeakReference<Execution> exec;
    final int task;
    /** The task's key and its compute's id, for messages once the compute is gone. */
    final dev.blockwork.graph.Key key;
    final long computeId;
    private final AtomicBoolean released = new AtomicBoolean();
    /** Set when a read of it found it gone (its holder left; the client may not have heard yet). */
    private volatile boolean lost;

    /** The store it is in on its worker: null for this client's own, a dataset's store name for a published one. */
    final String space;

    ClusterHeld(MemberLink link, long id, long size, Object inline, Execution exec, int task) {
        this(link, id, size, inline, exec, task, null);
    }

    /** A result of a published dataset ({@code space}): no compute of this client made it, and it never releases it. */
    static ClusterHeld published(MemberLink link, long id, long size, Object inline, String space) {
        return new ClusterHeld(link, id, size, inline, null, -1, space);
    }

    private ClusterHeld(MemberLink link, long id, long size, Object inline, Execution exec, int task, String space) {
        this.space = space;
        this.link = link;
        this.id = id;
        this.size = size;
        this.inline = inline;
        this.exec = exec == null ? null : new java.lang.ref.WeakReference<>(exec);
        this.task = task;
        this.key = exec == null ? null : exec.plan().key(task);
        this.computeId = exec == null ? -1 : exec.id();
    }

    /** The compute that made it, while it is alive (null for a dataset's, or once it is gone). */
    Execution exec() { return exec == null ? null : exec.get(); }

    boolean hasInline() { return inline != NOT_INLINE; }

    @Override public String location() { return link.name; }

    @Override public long sizeBytes() { return size; }

    @Override
    public Object fetch() throws Exception {
        if (hasInline()) return inline;
        if (released.get()) throw new IllegalStateException("result " + id + " on " + link.name + " was already released");
        try {
            return link.fetch(space, id);
        } catch (WorkerLostException e) {
            lost = true;
            throw e;
        }
    }

    /**
     * The value is gone: its holder left the cluster, a worker found it missing, or it was released (a persisted
     * collection that became unreachable: a later collection built on it makes it again from its recipe). A
     * dataset's result is never released by a reader.
     */
    @Override public boolean isLost() { return lost || link.dead || (space == null && released.get()); }

    /** A worker could not read it from its holder: it is gone, whatever the membership view says yet. */
    void markLost() { lost = true; }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true) || space != null) return; // a dataset's results are its own
        link.held.remove(id);
        if (!link.dead) link.release(id);
    }

    boolean isReleased() { return released.get(); }

    @Override public String toString() {
        return (space == null ? "result " : "published result ") + id + " (" + size + " bytes) on " + link.name;
    }
}
