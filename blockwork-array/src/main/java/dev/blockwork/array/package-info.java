/**
 * Chunked, lazy n-dimensional arrays: {@link dev.blockwork.array.DArray} (Dask array for Java), built as task
 * graphs over {@link dev.blockwork.ndarray.NDArray} blocks and computed by any Blockwork scheduler.
 *
 * <p>Entry points: {@link dev.blockwork.array.DArray} (creation, element-wise maths, reductions, indexing, shape
 * operations, linear algebra, user functions, compute), {@link dev.blockwork.array.Chunks} and
 * {@link dev.blockwork.array.ChunkSpec} (block structure and its one normaliser), {@link dev.blockwork.ndarray.Shape},
 * {@link dev.blockwork.array.DRandom}, {@link dev.blockwork.array.Boundary}, {@link dev.blockwork.array.Reduction}
 * and the static helpers of {@link dev.blockwork.array.DArrays}. Each kind of operation is one
 * {@link dev.blockwork.graph.Layer} class ({@code FusedLayer}, {@code PartialReduceLayer}/{@code CombineLayer},
 * {@code RechunkLayer}, {@code SliceLayer}, {@code TakeLayer}, {@code TransposeLayer}, {@code BlockReshapeLayer},
 * {@code ConcatenateLayer}, {@code MatmulLayer}, {@code MapBlocksLayer}, {@code OverlapLayer}, {@code SourceLayer},
 * {@code PersistedLayer}, {@code StoreLayer}).
 *
 * <p>Memory visibility (happens-before edges this package promises):
 * <ul>
 * <li>building a DArray → every task of its graph: arrays and layers are immutable and published through the
 *     scheduler's submission;</li>
 * <li>a block task's writes (its result block, or its part of a {@code compute()} result) → {@code compute()}
 *     returning, {@code computeAsync()}'s future completing, and every task that consumes the block;</li>
 * <li>{@code persist()} returning → any later compute that reads the persisted blocks.</li>
 * </ul>
 * NDArrays given to {@code fromArray}/{@code fromBlocks} must not be modified afterwards; results returned by
 * {@code compute()} belong to the caller.
 */
package dev.blockwork.array;
