package dev.blockwork.schedule;

import dev.blockwork.graph.TaskFunction;

/**
 * The function of a task whose result already exists where it was made: a persisted block or value held by an
 * executor ({@link HeldResult}). The engine never runs it: such a task starts DONE, holding {@link #handle()}
 * (a borrowed view: the compute never releases it), and the planner never fuses it into its consumer, so the
 * consumer's executor sees the handle and can run the consumer where the data is (Dask treats the keys of a
 * persisted collection the same way: already in memory on some worker).
 *
 * @param handle the result (normally a {@linkplain HeldResult#borrowed() borrowed} view)
 */
public record HeldValue(HeldResult handle) implements TaskFunction {
    @Override
    public Object apply(Object[] args) { return handle; }
}
