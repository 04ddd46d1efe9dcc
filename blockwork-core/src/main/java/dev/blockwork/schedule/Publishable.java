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
