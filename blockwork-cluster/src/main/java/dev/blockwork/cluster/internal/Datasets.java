package dev.blockwork.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.HeldResult;
import dev.blockwork.schedule.Publishable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Named datasets (Dask's {@code publish_dataset}): a client publishes a collection, any client of the cluster gets
 * it by name, and it stays until unpublished, whoever disconnects.
 *
 * <p>Contract: publishing persists the collection on the cluster (a persisted one is reused), then each worker
 * holding its results keeps them in a store of the dataset's own ({@link WorkerRuntime#pin}: shared, not copied),
 * (a list of collections, such as futures, is published item by item and read back as a list), and the cluster's
 * {@value #MAP} map gets the dataset's descriptor: where each result is, the small ones
 * themselves, and how a reader rebuilds the collection ({@link Publishable.Rebuild}). A reader gets handles to the
 * results on the workers, which never release them; {@link #unpublish} drops the stores. A result lost with its
 * worker cannot be made again by a reader (the graph that made it stays with its publisher): reading it fails
 * saying so. A name is published once: a second publish of it fails until it is unpublished.
 *
 * <p>The descriptor lives in a Hazelcast map (one backup on another member, so one worker death keeps it) and is
 * read with the class names it names trusted, as the cluster's other shared structures are (one trust domain).
 */
public final class Datasets {
    /** The cluster map of dataset descriptors, by name. */
    public static final String MAP = "blockwork.datasets";
    private static final String PREFIX = "dataset:";
    private static final long CALL_SECONDS = 60;
    private final ClusterExecutor executor;
    private final HazelcastInstance hz;
    private final String clusterName;

    public Datasets(ClusterExecutor executor, HazelcastInstance hz, String clusterName) {
        this.executor = executor;
        this.hz = hz;
        this.clusterName = clusterName;
    }

    /** Where each result of a dataset is: {@code members[i]} null means {@code values[i]} is the result itself. */
    record Descriptor(String space, Publishable.Rebuild rebuild, String[] members, long[] ids, long[] sizes, Object[] values)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private IMap<String, byte[]> map() { return hz.getMap(MAP); }

    /** "dataset 'name'" for a store's name. */
    static String nameOf(String space) {
        String rest = space.startsWith(PREFIX) ? space.substring(PREFIX.length()) : space;
        int at = rest.lastIndexOf('#');
        return "dataset '" + (at < 0 ? rest : rest.substring(0, at)) + "'";
    }

    /**
     * Publishes {@code value} as {@code name}: a {@link Publishable} collection is persisted with {@code options}
     * and kept on the workers; any other value is stored as it is.
     */
    public void publish(String name, Object value, ComputeOptions options) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("got a blank dataset name, expected a name");
        if (map().containsKey(name)) throw exists(name);
        Publishable.Publication pub = value instanceof Publishable p ? p.publication(options)
                : value instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(Publishable.class::isInstance)
                ? Publishable.ofList(l.stream().map(Publishable.class::cast).toList(), options) : null;
        Object[] results = pub != null ? pub.results() : new Object[] {value};
        String space = PREFIX + name + "#" + UUID.randomUUID();
        int n = results.length;
        String[] members = new String[n];
        long[] ids = new long[n], sizes = new long[n];
        Object[] values = new Object[n];
        // worker → source store → {source id, id in the dataset}: a dataset numbers its results itself (1..n), since
        // results from two stores (this client's, a dataset read here) may carry the same id
        Map<MemberLink, Map<String, List<long[]>>> byWorker = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            Object r = results[i];
            if (r instanceof HeldResult h && h.owner() instanceof ClusterHeld c && c.link.owner == executor && !c.hasInline()) {
                if (c.isLost()) throw new IllegalStateException("cannot publish " + name + ": result " + i + " was lost with worker " + c.link.name);
                members[i] = c.link.uuid;
                ids[i] = i + 1;
                sizes[i] = c.size;
                String from = c.space != null ? c.space : executor.clientId(); // this client's, or a dataset read here
                byWorker.computeIfAbsent(c.link, k -> new java.util.HashMap<>()).computeIfAbsent(from, k -> new ArrayList<>())
                        .add(new long[] {c.id, ids[i]});
            } else {
                try {
                    values[i] = r instanceof HeldResult h ? h.fetch() : r; // small (came back inline), or held elsewhere
                } catch (Exception e) {
                    throw new IllegalStateException("cannot publish " + name + ": result " + i + " could not be read: " + e.getMessage(), e);
                }
            }
        }
        List<MemberLink> pinned = new ArrayList<>();
        try {
            for (Map.Entry<MemberLink, Map<String, List<long[]>>> e : byWorker.entrySet()) {
                pinned.add(e.getKey()); // (an unpin of a store it never made is harmless)
                for (Map.Entry<String, List<long[]>> from : e.getValue().entrySet()) {
                    long[] src = from.getValue().stream().mapToLong(x -> x[0]).toArray();
                    long[] dst = from.getValue().stream().mapToLong(x -> x[1]).toArray();
                    call(new Messages.Pin(from.getKey(), src, dst, space), e.getKey(), "keep the results of dataset '" + name + "'");
                }
            }
            java.lang.ref.Reference.reachabilityFence(pub); // the persisted collection's handles stay ours until pinned
            byte[] bytes = Envelope.wrap(new Descriptor(space, pub == null ? null : pub.rebuild(), members, ids, sizes, values));
            if (map().putIfAbsent(name, bytes) != null) throw exists(name);
        } catch (RuntimeException e) {
            for (MemberLink l : pinned) unpinQuietly(l, space);
            throw e;
        }
    }

    /** The dataset {@code name}, rebuilt over this client's handles to its results. */
    public Object get(String name) {
        byte[] bytes = map().get(name);
        if (bytes == null) {
            throw new NoSuchElementException("no dataset named '" + name + "' on cluster '" + clusterName + "'; published: " + names());
        }
        Descriptor d = (Descriptor) Envelope.unwrap(bytes, true);
        Object[] results = new Object[d.values().length];
        for (int i = 0; i < results.length; i++) {
            if (d.members()[i] == null) {
                results[i] = d.values()[i];
                continue;
            }
            MemberLink link = executor.link(d.members()[i]);
            if (link == null || link.dead) {
                throw new IllegalStateException("dataset '" + name + "' lost result " + i + " with its worker (member " + d.members()[i]
                        + " left the cluster); another client cannot make a dataset's results again: publish it again");
            }
            results[i] = ClusterHeld.published(link, d.ids()[i], d.sizes()[i], ClusterHeld.NOT_INLINE, d.space());
        }
        return d.rebuild() == null ? results[0] : d.rebuild().from(results);
    }

    /** Drops dataset {@code name} from the cluster; false if there was none. */
    public boolean unpublish(String name) {
        byte[] bytes = map().remove(name);
        if (bytes == null) return false;
        Descriptor d = (Descriptor) Envelope.unwrap(bytes, true);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String m : d.members()) {
            if (m == null || !seen.add(m)) continue;
            MemberLink link = executor.link(m);
            if (link != null && !link.dead) unpinQuietly(link, d.space());
        }
        return true;
    }

    /** The names of the cluster's datasets, sorted. */
    public List<String> names() {
        List<String> out = new ArrayList<>(map().keySet());
        java.util.Collections.sort(out);
        return out;
    }

    private IllegalStateException exists(String name) {
        return new IllegalStateException("a dataset named '" + name + "' already exists on cluster '" + clusterName + "'; unpublish it first");
    }

    private void call(java.util.concurrent.Callable<?> msg, MemberLink link, String what) {
        try {
            executor.executorService().submitToMember(msg, link.member).get(CALL_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("worker " + link.name + " could not " + what + ": " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("worker " + link.name + " did not " + what + " within " + CALL_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking worker " + link.name + " to " + what, e);
        }
    }

    private void unpinQuietly(MemberLink link, String space) {
        try {
            call(new Messages.Unpin(space), link, "drop " + nameOf(space));
        } catch (RuntimeException ignored) {
            // it left, or cannot answer: what it held for the dataset goes with it
        }
    }
}
