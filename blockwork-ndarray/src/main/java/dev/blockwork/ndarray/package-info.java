/**
 * Dense single-block n-dimensional arrays: {@link dev.blockwork.ndarray.NDArray} (heap-backed, strided views),
 * {@link dev.blockwork.ndarray.DType} with NumPy promotion, fused element-wise {@link dev.blockwork.ndarray.Expr}
 * evaluation and reductions, counter-based {@link dev.blockwork.ndarray.Random}, {@link dev.blockwork.ndarray.Blas}
 * matmul and {@link dev.blockwork.ndarray.Npy} files. The chunked DArray layer builds on this package; it has
 * no dependency on the task-graph modules.
 *
 * <p>Memory visibility: this package starts no long-lived threads and publishes nothing by itself.
 * <ul>
 * <li>An {@code evaluate}, reduction or {@code matmul} call that splits work across the common ForkJoinPool
 *     joins every part before it returns: all writes of the parts happen-before the return.</li>
 * <li>NDArrays are not synchronised: a writer's {@code set...}/{@code evaluateInto} on one thread is visible to
 *     readers on another only through an external happens-before edge (e.g. a task result handed through a
 *     {@code Future} or a concurrent queue).</li>
 * <li>{@link dev.blockwork.ndarray.Expr}, {@link dev.blockwork.ndarray.Moments} and
 *     {@link dev.blockwork.ndarray.ArgPartial} are immutable and safe to share.</li>
 * </ul>
 */
package dev.blockwork.ndarray;
