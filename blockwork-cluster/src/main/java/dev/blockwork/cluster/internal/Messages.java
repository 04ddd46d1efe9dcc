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
 *   Submit(client, ids[], trusted names[], payload = Kryo(TaskCall[]), lingerMs, max) → Kryo(Outcomes)  queue tasks, first results
 *   Collect(client, waitMs, max)                                         → Kryo(Outcomes) finished tasks (long poll)
 *   Fetch(client, ids[])                                                 → Kryo(Object[]) values
 *   Release(client, ids[])  Cancel(client, ids[])                        → null
 * </pre>
 */
public final class Messages {
    public static final int FACTORY_ID = 0x0B10C;
    static final int SUBMIT = 1, COLLECT = 2, FETCH = 3, RELEASE = 4, CANCEL = 5;

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
                default -> throw new IllegalArgumentException("got Blockwork message type " + typeId + ", expected 1-5");
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

        public Submit() {}

        public Submit(String client, long[] ids, String[] trusted, byte[] payload, long lingerMs, int max) {
            this.client = client;
            this.ids = ids;
            this.trusted = trusted;
            this.payload = payload;
            this.lingerMs = lingerMs;
            this.max = max;
        }

        @Override public int getClassId() { return SUBMIT; }

        /** Queues the tasks, then answers like a collect that waits at most {@code lingerMs} (a short task's result comes back in this very reply). */
        @Override public byte[] call() throws InterruptedException {
            WorkerRuntime r = runtime();
            r.submit(client, ids, trusted, payload);
            return r.collect(client, lingerMs, max);
        }

        @Override public void writeData(ObjectDataOutput out) throws IOException {
            super.writeData(out);
            out.writeStringArray(trusted);
            out.writeByteArray(payload);
            out.writeLong(lingerMs);
            out.writeInt(max);
        }

        @Override public void readData(ObjectDataInput in) throws IOException {
            super.readData(in);
            trusted = in.readStringArray();
            payload = in.readByteArray();
            lingerMs = in.readLong();
            max = in.readInt();
        }
    }

    public static final class Collect extends Call<byte[]> {
        long waitMs;
        int max;

        public Collect() {}

        public Collect(String client, long waitMs, int max) {
            this.client = client;
            this.waitMs = waitMs;
            this.max = max;
        }

        @Override public int getClassId() { return COLLECT; }

        @Override public byte[] call() throws InterruptedException { return runtime().collect(client, waitMs, max); }

        @Override public void writeData(ObjectDataOutput out) throws IOException {
            super.writeData(out);
            out.writeLong(waitMs);
            out.writeInt(max);
        }

        @Override public void readData(ObjectDataInput in) throws IOException {
            super.readData(in);
            waitMs = in.readLong();
            max = in.readInt();
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
}
