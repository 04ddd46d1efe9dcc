package dev.blockwork.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.blockwork.schedule.WorkerLostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client's view of one worker: its member, name and size, the tasks it has in flight, the results it holds
 * for this client, the releases waiting to be sent to it, and the functions it already has.
 */
final class MemberLink {
    final Member member;
    final String uuid;
    final String name;
    final int threads;
    final long memoryLimit;
    final long pid;
    final ClusterExecutor owner;
    /** Tasks sent and not reported: id → what to tell the engine. */
    final Map<Long, ClusterExecutor.InFlight> inFlight = new ConcurrentHashMap<>();
    /** Results this worker holds for this client (unreleased handles): what a death of the worker loses. */
    final Map<Long, ClusterHeld> held = new ConcurrentHashMap<>();
    /** Results to release there: they ride on the next submit or collect to it (or the dispatcher's tick sends them). */
    final ConcurrentLinkedQueue<Long> releases = new ConcurrentLinkedQueue<>();
    /** Ids of this client's functions the worker has acknowledged ({@link FunctionTable}): tasks name them by id only. */
    final java.util.Set<Long> knownFunctions = ConcurrentHashMap.newKeySet();
    final AtomicBoolean collecting = new AtomicBoolean();
    /** A {@link Messages.Steal} to this worker is out (at most one at a time: {@link StealPolicy}). */
    final AtomicBoolean stealing = new AtomicBoolean();
    /** Submit calls in flight (each brings results back in its reply). */
    final java.util.concurrent.atomic.AtomicInteger submitting = new java.util.concurrent.atomic.AtomicInteger();
    volatile long storeBytes;
    volatile boolean dead;

    MemberLink(ClusterExecutor owner, Member member) {
        this.owner = owner;
        this.member = member;
        this.uuid = member.getUuid().toString();
        String n = member.getAttribute(HazelcastConfigs.ATTR_NAME);
        this.name = n != null ? n : member.getAddress().toString();
        this.threads = parse(member.getAttribute(HazelcastConfigs.ATTR_THREADS), 1);
        this.memoryLimit = parse(member.getAttribute(HazelcastConfigs.ATTR_MEMORY), Long.MAX_VALUE);
        this.pid = parse(member.getAttribute(HazelcastConfigs.ATTR_PID), -1);
    }

    private static long parse(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int parse(String s, int fallback) { return (int) parse(s, (long) fallback); }

    boolean overMemory() { return storeBytes > memoryLimit; }

    /** The value of result {@code id}, from this worker's store {@code space} (null: this client's) (blocking). */
    Object fetch(String space, long id) throws Exception {
        if (dead) throw lost(id, null);
        IExecutorService ex = owner.executorService();
        byte[] bytes;
        try {
            bytes = ex.submitToMember(new Messages.Fetch(space == null ? owner.clientId() : space, new long[] {id}), member).get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (dead || isMemberGone(c)) throw lost(id, c);
            throw new IllegalStateException("fetching result " + id + " from " + name + " failed: " + c, c);
        }
        owner.bytesFetched.add(bytes.length);
        return WorkerRuntime.decodeFetch(bytes, false)[0];
    }

    private WorkerLostException lost(long id, Throwable cause) {
        return new WorkerLostException("result " + id + " was held by worker " + name + ", which left the cluster", cause);
    }

    static boolean isMemberGone(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof MemberLeftException || t instanceof TargetNotMemberException
                    || t instanceof com.hazelcast.spi.exception.TargetDisconnectedException || t instanceof java.io.IOException
                    || t instanceof com.hazelcast.core.HazelcastInstanceNotActiveException) return true;
        }
        return false;
    }

    void release(long id) {
        releases.add(id);
    }

    @Override public String toString() { return name; }
}
