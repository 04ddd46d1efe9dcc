package dev.blockwork.schedule;

import java.lang.ref.Cleaner;

/** Helpers for {@link HeldResult} handles: release, fetch, and release when their owner is unreachable. */
public final class HeldResults {
    private static final System.Logger LOG = System.getLogger(HeldResults.class.getName());
    /** One daemon thread for every persisted collection's handles. */
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "blockwork-held-results");
        t.setDaemon(true);
        return t;
    });

    private HeldResults() {}

    /**
     * Releases {@code value} if it is a handle; other values are left alone. Never throws.
     *
     * @param value a result
     */
    public static void releaseIfHeld(Object value) {
        if (value instanceof HeldResult h) {
            try { h.release(); } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "releasing " + h + " failed", e);
            }
        }
    }

    /**
     * The value of {@code value}: fetched if it is a handle, itself otherwise.
     *
     * @param value a result or a handle
     * @return the value
     * @throws Exception what {@link HeldResult#fetch()} throws
     */
    public static Object valueOf(Object value) throws Exception {
        return value instanceof HeldResult h ? h.fetch() : value;
    }

    /**
     * Whether any of {@code values} is a handle.
     *
     * @param values results
     * @return true if one is a {@link HeldResult}
     */
    public static boolean anyHeld(Object[] values) {
        for (Object v : values) if (v instanceof HeldResult) return true;
        return false;
    }

    /**
     * Releases the handles among {@code values} once {@code owner} is unreachable (Dask releases a persisted
     * collection's futures the same way, when the collection is garbage). {@code values} must not refer back to
     * {@code owner}.
     *
     * @param owner  the object whose lifetime the handles follow
     * @param values results, some of which may be handles (the array is copied)
     * @return a cleanable that releases them now when called (idempotent)
     */
    public static Cleaner.Cleanable releaseWhenUnreachable(Object owner, Object[] values) {
        Object[] held = values.clone();
        return CLEANER.register(owner, () -> { for (Object v : held) releaseIfHeld(v); });
    }

    /**
     * The inputs of a task with each handle fetched: an executor that {@linkplain Execution#acceptHeldInputs()
     * takes handles} calls this where the task runs. Handles are looked for at the top level and one level
     * inside {@code Object[]} arguments (how a task's list of inputs arrives); the arrays are copied, not changed.
     *
     * @param args a task's arguments
     * @return the arguments with values in place of handles ({@code args} itself if there were none)
     * @throws Exception what {@link HeldResult#fetch()} throws ({@link WorkerLostException} if a holder is gone)
     */
    public static Object[] fetchInputs(Object[] args) throws Exception {
        Object[] out = args;
        for (int p = 0; p < args.length; p++) {
            Object a = args[p];
            if (a instanceof HeldResult h) {
                if (out == args) out = args.clone();
                out[p] = h.fetch();
            } else if (a instanceof Object[] list && anyHeld(list)) {
                if (out == args) out = args.clone();
                Object[] vs = list.clone();
                for (int i = 0; i < vs.length; i++) vs[i] = valueOf(vs[i]);
                out[p] = vs;
            }
        }
        return out;
    }
}
