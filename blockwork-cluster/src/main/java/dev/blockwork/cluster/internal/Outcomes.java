package dev.blockwork.cluster.internal;

import java.util.List;

/**
 * What one collect call brings back from a worker: for each finished task its id, how it ended, its size, the
 * worker's own start and end times, and a payload (the value when small, the failure, or the reference of an
 * input that could not be found). Parallel primitive arrays, so that Kryo writes a reply of a thousand outcomes as
 * a few arrays (a record per outcome would be rebuilt by reflection).
 *
 * <pre>
 *   kinds[i]: HELD (value stays on the worker) | INLINE (payload = the value, also held)
 *           | FAILED (payload = the task's exception, a RemoteTask.Failure) | INPUT_LOST (payload = the missing input's Ref)
 *           | FUNCTION_UNKNOWN (payload = null: the worker has no function of that id for this client; the client sends it again)
 * </pre>
 *
 * @param worker     the worker's name, as events and failures name it
 * @param storeBytes the bytes of results the worker holds (for its memory limit)
 */
public record Outcomes(String worker, long storeBytes, long[] ids, byte[] kinds, long[] sizes, long[] starts, long[] ends, Object[] payloads)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final byte HELD = 0, INLINE = 1, FAILED = 2, INPUT_LOST = 3, FUNCTION_UNKNOWN = 4;

    /** One finished task, worker side. */
    public record One(long id, byte kind, long size, long start, long end, Object payload) {}

    public static Outcomes of(String worker, long storeBytes, List<One> list) {
        int n = list.size();
        long[] ids = new long[n], sizes = new long[n], starts = new long[n], ends = new long[n];
        byte[] kinds = new byte[n];
        Object[] payloads = new Object[n];
        for (int i = 0; i < n; i++) {
            One o = list.get(i);
            ids[i] = o.id;
            kinds[i] = o.kind;
            sizes[i] = o.size;
            starts[i] = o.start;
            ends[i] = o.end;
            payloads[i] = o.payload;
        }
        return new Outcomes(worker, storeBytes, ids, kinds, sizes, starts, ends, payloads);
    }

    public int size() { return ids.length; }
}
