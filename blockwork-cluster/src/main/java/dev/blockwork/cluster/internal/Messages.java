package dev.blockwork.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * The calls a client (or a peer) makes on a worker, through the member's {@code blockwork} executor service.
 * Each is an {@link IdentifiedDataSerializable} of a few primitive fields and byte arrays (Blockwork's own Kryo
 * payloads), so Hazelcast never Java-deserializes anything of ours and the allow-list decides every class.
 *
 * <pre>
 *   Submit(client, ids[], trusted names[], payload = Kryo(TaskBatch), lingerMs, max,
 *          function ids[], function bytes[][], releases[])              → Kryo(Outcomes)  learn functions, queue tasks,
 *                                                                          release results; what has finished
 *   Collect(client, waitMs, max, releases[])                             → Kryo(Outcomes) finished tasks (long poll)
 *   Fetch(client, ids[])                                                 → Kryo(Object[]) values
 *   Release(client, ids[])  Cancel(client, ids[])                        → null
 *   Steal(client, ids[], max)                                            → long[] ids taken back: queued, never
 *                                                                          started, will never run nor report
 * </pre>
 * A submit's functions are those of its tasks that the worker has not acknowledged yet ({@link FunctionTable});
 * releases ride on the next submit or collect to that worker instead of costing a call of their own.
 */
public final class Messages {
    public static final int FACTORY_ID = 0x0B10C;
    static final int SUBMIT = 1, COLLECT = 2, FETCH = 3, RELEASE = 4, CANCEL = 5, STEAL = 6, PIN = 7, UNPIN = 8;

    private Messages() {}

    /** Makes the messages from their ids (registered on members and clients). */
    public static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int typeId) {
            return switch (typeId) {
                case SUBMIT -> new Submit();
                case COLLECT -> new Collect();
                case FETCH -> new Fetch();
                case RELEASE -> new Release();
                case CANCEL -> new Cancel();
                case STEAL -> new Steal();
                case PIN -> new Pin();
                case UNPIN -> new Unpin();
                default -> throw new IllegalArgumentException("got Blockwork message type " + typeId + ", expected 1-8");
            };
        }
    }

    /** The common part: the calling client and the member's runtime. */
    abstract static class Call<T> implements Callable<T>, IdentifiedDataSerializable, HazelcastInstanceAware {
        String client;
        long[] ids = new long[0];
        transient HazelcastInstance hz;

        @Override public void setHazelcastInstance(HazelcastInstance hz) { this.hz = hz; }
        @Override public int getFactoryId() { return FACTORY_ID; }

        WorkerRuntime runtime() { return WorkerRuntime.of(hz); }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(client);
            out.writeLongArray(ids);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            client = in.readString();
            ids = in.readLongArray();
        }
    }

    public static final class Submit extends Call<byte[]> {
        String[] trusted;
        byte[] payload;
        long lingerMs;
        int max;
        long[] functionIds = new long[0];
        byte[][] functionBytes = new byte[0][];
        long[] releases = new long[0];

        public Submit() {}

        public Submit(String client, long[] ids, String[] trusted, byte[] payload, long lingerMs, int max, long[] functionIds,
                      byte[][] functionBytes, long[] releases) {
            this.client = client;
            this.ids = ids;
            this.trusted = trusted;
            this.payload = payload;
            this.lingerMs = lingerMs;
            this.max = max;
            this.functionIds = functionIds;
            this.functionBytes = functionBytes;
            this.releases = releases;
        }

        @Override public int getClassId() { return SUBMIT; }

        /** Releases, learns the functions, queues the tasks, then answers like a collect that waits at most {@code lingerMs}. */
        @Override public byte[] call() throws InterruptedException {
            WorkerRuntime r = runtime();
            if (releases.length > 0) r.release(client, releases);
            r.submit(client, ids, trusted, payload, functionIds, functionBytes, lingerMs > 0);
            return r.collect(client, lingerMs, max);
        }

        @Override public void writeData(ObjectDataOutput out) throws IOException {
            super.writeData(out);
            out.writeStringArray(trusted);
            out.writeByteArray(payload);
            out.writeLong(lingerMs);
            out.writeInt(max);
            out.writeLongArray(functionIds);
            out.writeInt(functionBytes.length);
            for (byte[] b : functionBytes) out.writeByteArray(b);
            out.writeLongArray(releases);
        }

        @Override public void readData(ObjectDataInput in) throws IOException {
            super.readData(in);
            trusted = in.readStringArray();
            payload = in.readByteArray();
            lingerMs = in.readLong();
            max = in.readInt();
            functionIds = in.readLongArray();
            int n = in.readInt();
            if (n != functionIds.length) throw new IOException("got " + n + " function definitions for " + functionIds.length + " ids, expected as many");
            functionBytes = new byte[n][];
            for (int i = 0; i < n; i++) functionBytes[i] = in.readByteArray();
            releases = in.readLongArray();
        }
    }

    public static final class Collect extends Call<byte[]> {
        long waitMs;
        int max;
        long[] releases = new long[0];

        public Collect() {}

        public Collect(String client, long waitMs, int max, long[] releases) {
            this.client = client;
            this.waitMs = waitMs;
            this.max = max;
            this.releases = releases;
        }

        @Override public int getClassId() { return COLLECT; }

        @Override public byte[] call() throws InterruptedException {
            WorkerRuntime r = runtime();
            if (releases.length > 0) r.release(client, releases);
            return r.collect(client, waitMs, max);
        }

        @Override public void writeData(ObjectDataOutput out) throws IOException {
            super.writeData(out);
            out.writeLong(waitMs);
            out.writeInt(max);
            out.writeLongArray(releases);
        }

        @Override public void readData(ObjectDataInput in) throws IOException {
            super.readData(in);
            waitMs = in.readLong();
            max = in.readInt();
            releases = in.readLongArray();
        }
    }

    public static final class Fetch extends Call<byte[]> {
        public Fetch() {}

        public Fetch(String client, long[] ids) {
            this.client = client;
            this.ids = ids;
        }

        @Override public int getClassId() { return FETCH; }

        @Override public byte[] call() { return runtime().fetch(client, ids); }
    }

    public static final class Release extends Call<Object> {
        public Release() {}

        public Release(String client, long[] ids) {
            this.client = client;
            this.ids = ids;
        }

        @Override public int getClassId() { return RELEASE; }

        @Override public Object call() {
            runtime().release(client, ids);
            return null;
        }
    }

    public static final class Cancel extends Call<Object> {
        public Cancel() {}

        public Cancel(String client, long[] ids) {
            this.client = client;
            this.ids = ids;
        }

        @Override public int getClassId() { return CANCEL; }

        @Override public Object call() {
            runtime().cancel(client, ids);
            return null;
        }
    }

    /** Takes back up to {@code max} of tasks {@code ids} (most recently sent first) that have not started there. */
    public static final class Steal extends Call<long[]> {
        int max;

        public Steal() {}

        public Steal(String client, long[] ids, int max) {
            this.client = client;
            this.ids = ids;
            this.max = max;
        }

        @Override public int getClassId() { return STEAL; }

        @Override public long[] call() { return runtime().steal(client, ids, max); }

        @Override public void writeData(ObjectDataOutput out) throws IOException {
            super.writeData(out);
            out.writeInt(max);
        }

        @Override public void readData(ObjectDataInput in) throws IOException {
            super.readData(in);
            max = in.readInt();
        }
    }

    /** Keeps results {@code ids} of store {@code client} in a dataset's store, renumbered ({@link WorkerRuntime#pin}). */
    public static final class Pin extends Call<Object> {
        long[] targets = new long[0];
        String space;

        public Pin() {}

        /** Results {@code ids} of store {@code client} become results {@code targets} of store {@code space}. */
        public Pin(String client, long[] ids, long[] targets, String space) {
            this.client = client;
            this.ids = ids;
            this.targets = targets;
            this.space = space;
        }

        @Override public int getClassId() { return PIN; }

        @Override
        public Object call() {
            runtime().pin(client, ids, targets, space);
            return null;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            super.writeData(out);
            out.writeLongArray(targets);
            out.writeString(space);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            super.readData(in);
            targets = in.readLongArray();
            space = in.readString();
        }
    }

    /** Drops a dataset's store ({@code client} carries the store's name). */
    public static final class Unpin extends Call<Object> {
        public Unpin() {}

        public Unpin(String space) { this.client = space; }

        @Override public int getClassId() { return UNPIN; }

        @Override
        public Object call() {
            runtime().unpin(client);
            return null;
        }
    }
}
