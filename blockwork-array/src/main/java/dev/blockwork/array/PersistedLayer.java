package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.HeldResult;
import dev.blockwork.schedule.HeldResults;
import dev.blockwork.schedule.HeldValue;
import java.util.List;
import java.util.Set;

/**
 * Blocks already computed ({@code persist()}, {@code fromBlocks}): each task returns its block. A block is an
 * {@link NDArray} here, or a {@link HeldResult} handle to one kept where it was made (a worker, a cluster member):
 * tasks then return a borrowed view, so a compute reading the block never releases it; the handles are released
 * when this layer (and so every array built on it) is unreachable.
 *
 * <p>Held blocks keep their recipe: the graph and keys that made them. A block whose holder is
 * {@linkplain HeldResult#isLost() lost} is planned as its recipe's task (under this layer's key), so a compute made
 * after a worker died makes the block again; the recipe's layers are in the persisted array's graph for that. In a
 * recipe, an earlier persisted layer is its {@link #lineage()}: its recipe, not its blocks.
 */
final class PersistedLayer extends ArrayLayer {
    private final Object[] blocks; // C order over the block grid: NDArray or HeldResult
    private final Graph recipe; // what made held blocks (null when every block is in memory here)
    private final List<Key> recipeKeys; // C order, as blocks

    PersistedLayer(String name, Chunks chunks, Object[] blocks) { this(name, chunks, blocks, null, null); }

    PersistedLayer(String name, Chunks chunks, Object[] blocks, Graph recipe, List<Key> recipeKeys) {
        super(name, Set.of(), chunks);
        this.blocks = blocks;
        this.recipe = recipe;
        this.recipeKeys = recipeKeys;
        if (recipeKeys != null && recipeKeys.size() != blocks.length) {
            throw new IllegalArgumentException("got " + recipeKeys.size() + " recipe keys for " + blocks.length + " blocks, expected as many");
        }
        if (HeldResults.anyHeld(blocks)) HeldResults.releaseWhenUnreachable(this, blocks);
    }

    /** The blocks (a copy), C order over the block grid. */
    Object[] blocks() { return blocks.clone(); }

    /**
     * This layer as a later persist's recipe holds it: without holding this layer (whose reachability keeps its
     * blocks on the workers, so an iterative {@code x = f(x).persist()} would keep every iteration's blocks), but
     * with its recipe, so that a block of it can still be made when it is gone. A layer without a recipe (blocks in
     * memory here, or a dataset's, which the reader never releases) is itself.
     */
    ArrayLayer lineage() { return recipe == null ? this : new Lineage(name, chunks, new java.lang.ref.WeakReference<>(this), recipe, recipeKeys); }

    /**
     * A persisted layer seen from a recipe: its blocks while the layer lives (and they are not lost), else its
     * recipe's tasks under the same keys (see {@link #lineage()}).
     */
    private static final class Lineage extends ArrayLayer {
        private final transient java.lang.ref.WeakReference<PersistedLayer> live;
        private final Graph recipe;
        private final List<Key> recipeKeys;

        Lineage(String name, Chunks chunks, java.lang.ref.WeakReference<PersistedLayer> live, Graph recipe, List<Key> recipeKeys) {
            super(name, Set.of(), chunks);
            this.live = live;
            this.recipe = recipe;
            this.recipeKeys = recipeKeys;
        }

        @Override
        Task task(Key key, int[] idx) {
            PersistedLayer p = live == null ? null : live.get();
            if (p != null) return p.task(key, idx);
            int flat = 0;
            for (int d = 0; d < idx.length; d++) flat = flat * chunks.numBlocks(d) + idx[d];
            Task t = recipe.task(recipeKeys.get(flat));
            return new Task(key, t.label(), t.function(), t.args());
        }
    }

    @Override
    Task task(Key key, int[] idx) {
        int flat = 0;
        for (int d = 0; d < idx.length; d++) flat = flat * chunks.numBlocks(d) + idx[d];
        Object b = blocks[flat];
        if (b instanceof HeldResult h) {
            if (recipe != null && h.isLost()) { // its worker is gone (or it was released): make it again
                Task t = recipe.task(recipeKeys.get(flat));
                return new Task(key, t.label(), t.function(), t.args());
            }
            return new Task(key, "block", new HeldValue(h.borrowed()), new Object[0]);
        }
        return new Task(key, "block", (TaskFunction) args -> b, new Object[0]);
    }
}
