package dev.blockwork.schedule;

/**
 * A collection that a cluster can publish under a name for other clients (Dask's {@code publish_dataset}):
 * {@code DArray} and {@code Delayed} implement it. The cluster keeps the collection's results where they are and
 * gives other clients the collection rebuilt over them.
 */
public interface Publishable {
    /**
     * This collection's results, computed with {@code options} and kept where they were made (a persisted
     * collection's results are reused, not computed again), and how to rebuild the collection over them.
     *
     * @param options how to compute (the scheduler is the publishing cluster's)
     * @return the results and the rebuild
     */
    Publication publication(ComputeOptions options);

    /**
     * What a publishing cluster keeps: {@code results} (handles, or values), and {@code rebuild}, which a reader
     * calls with its own handles to the same results, in the same order.
     *
     * @param results   the results: {@link HeldResult} owners, or values
     * @param rebuild   makes the collection over the reader's handles (serializable: it travels to the readers)
     * @param keepAlive what must stay reachable until the cluster holds the results itself (the persisted collection)
     */
    record Publication(Object[] results, Rebuild rebuild, Object keepAlive) {}

    /**
     * The publication of a list of collections (futures, arrays, ...), rebuilt by a reader as a list of them in
     * the same order (Dask publishes lists of futures this way).
     *
     * @param items   the collections
     * @param options how to compute them
     * @return one publication of every item's results
     */
    static Publication ofList(java.util.List<? extends Publishable> items, ComputeOptions options) {
        java.util.List<Object> results = new java.util.ArrayList<>();
        Rebuild[] parts = new Rebuild[items.size()];
        int[] counts = new int[items.size()];
        Object[] keep = new Object[items.size()];
        for (int i = 0; i < parts.length; i++) {
            Publication p = items.get(i).publication(options);
            results.addAll(java.util.Arrays.asList(p.results()));
            parts[i] = p.rebuild();
            counts[i] = p.results().length;
            keep[i] = p.keepAlive();
        }
        return new Publication(results.toArray(), new ListRebuild(parts, counts), keep);
    }

    /**
     * A published list: each item rebuilt over its own results, in order.
     *
     * @param parts  how to rebuild each item
     * @param counts how many of the results belong to each item, in order
     */
    record ListRebuild(Rebuild[] parts, int[] counts) implements Rebuild {
        @Override
        public Object from(Object[] results) {
            java.util.List<Object> out = new java.util.ArrayList<>(parts.length);
            int at = 0;
            for (int i = 0; i < parts.length; i++) {
                out.add(parts[i].from(java.util.Arrays.copyOfRange(results, at, at + counts[i])));
                at += counts[i];
            }
            return java.util.Collections.unmodifiableList(out);
        }
    }

    /** Makes a published collection over a reader's handles; travels from the publisher to its readers. */
    interface Rebuild extends java.io.Serializable {
        /**
         * The collection over {@code results} (handles that the reader borrows, or values), in publication order.
         *
         * @param results the results
         * @return the collection
         */
        Object from(Object[] results);
    }
}
