package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.process.internal.ShmRegistry;
import dev.blockwork.process.serial.KryoSerializer;
import dev.blockwork.spi.Serializer;
import dev.blockwork.process.serial.ShmTransport;
import java.io.Serializable;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** NDArrays and large primitive arrays through the serializer: inline when small or without a transport, else shared memory. */
class BlockTransportTest {
    static final Serializer KRYO = new KryoSerializer();

    @AfterAll
    static void clean() throws InterruptedException { Leaks.assertClean(); }

    static List<String> ourBlockFiles() {
        String me = ShmRegistry.PREFIX + ProcessHandle.current().pid() + "-";
        return ShmRegistry.list().stream().filter(n -> n.startsWith(me) && n.endsWith("-buf")).toList();
    }

    static NDArray matrix(int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = i * 0.25 - 3;
        return NDArray.fromArray(d, rows, cols);
    }

    @Test
    void smallOrUntransportedBlocksAreInlineInEveryDtypeAndView() {
        NDArray m = matrix(7, 13);
        List<NDArray> values = List.of(m, m.transpose(), m.slice(1, 2L, 11L, 3), m.astype(DType.FLOAT32),
                m.astype(DType.INT64), m.astype(DType.INT32), m.astype(DType.BOOL), NDArray.scalar(2.5),
                NDArray.zeros(DType.FLOAT64, 0, 4), matrix(300, 300)); // the last is 720 KB, but no transport: inline
        for (NDArray a : values) {
            NDArray back = (NDArray) KRYO.deserialize(KRYO.serialize(a).copy());
            assertThat(back).isEqualTo(a);
            assertThat(back.isContiguous()).isTrue();
        }
        assertThat(ourBlockFiles()).isEmpty();
    }

    record Holder(String label, Object value) implements Serializable {}

    @Test
    void ownedBlocksAreReadAnyNumberOfTimesUntilTheSenderReleasesThem() {
        NDArray big = matrix(500, 500); // 2 MB
        double[] doubles = big.toDoubleArray();
        ShmTransport t = ShmTransport.ownedBySender();
        byte[] bytes = t.serialize(() -> KRYO.serialize(new Holder("x", List.of(big, doubles, new int[] {1, 2}))).copy());
        assertThat(bytes.length).as("only handles are serialized").isLessThan(500);
        assertThat(t.fileCount()).isEqualTo(2);
        for (int read = 0; read < 2; read++) { // a retry reads the same bytes again
            Holder h = (Holder) KRYO.deserialize(bytes);
            List<?> v = (List<?>) h.value();
            assertThat(v.get(0)).isEqualTo(big);
            assertThat((double[]) v.get(1)).isEqualTo(doubles);
            assertThat((int[]) v.get(2)).containsExactly(1, 2);
        }
        assertThat(ourBlockFiles()).hasSize(2);
        t.release();
        assertThat(ourBlockFiles()).isEmpty();
        assertThatThrownBy(() -> KRYO.deserialize(bytes)).hasMessageContaining("no longer exists");
    }

    @Test
    void handedOffBlocksAreFreedByTheirOneRead() {
        byte[] raw = new byte[1 << 20];
        for (int i = 0; i < raw.length; i++) raw[i] = (byte) i;
        ShmTransport t = ShmTransport.handedToReceiver(-1);
        byte[] bytes = t.serialize(() -> KRYO.serialize(raw).copy());
        t.release(); // sent: the sender unmaps, the file waits for the receiver
        assertThat(ourBlockFiles()).hasSize(1);
        assertThat((byte[]) KRYO.deserialize(bytes)).isEqualTo(raw);
        assertThat(ourBlockFiles()).isEmpty();
    }

    @Test
    void repeatedTransfersFromOneThreadStayInShm() { // the writer's per-thread staging buffer is reused
        for (int round = 0; round < 3; round++) {
            NDArray big = matrix(300 + round, 300).astype(round == 1 ? DType.FLOAT32 : DType.FLOAT64);
            ShmTransport t = ShmTransport.handedToReceiver(-1);
            byte[] bytes = t.serialize(() -> KRYO.serialize(big).copy());
            t.release();
            assertThat(bytes.length).as("round " + round + ": only a handle").isLessThan(200);
            assertThat(KRYO.deserialize(bytes)).isEqualTo(big);
        }
        assertThat(ourBlockFiles()).isEmpty();
    }

    @Test
    void abortFreesBlocksOfAMessageThatWasNotSent() {
        ShmTransport t = ShmTransport.handedToReceiver(-1);
        t.serialize(() -> KRYO.serialize(new long[1 << 16]));
        assertThat(ourBlockFiles()).hasSize(1);
        t.abort();
        assertThat(ourBlockFiles()).isEmpty();
    }

    /**
     * Regression: a worker hands a result block off to its pool and exits (maxTasksPerChild(1)); a dead-owner
     * sweep (another JVM starting) ran before the pool read it and deleted it: about 1 result in 100 was lost
     * ("shared memory ... no longer exists"). A handed-off file names its receiver, so no sweep deletes it
     * while the receiver lives; once read, it is gone.
     */
    @Test
    void aSweepNeverDeletesABlockHandedToALiveReceiver() throws Exception {
        java.nio.file.Path message = java.nio.file.Files.createTempFile("blockwork-handoff", ".bin");
        try {
            long me = ProcessHandle.current().pid();
            String path = message.toString(); // a Path is not serializable
            WorkerProcess w = WorkerProcess.builder().name("handoff-sender").start(() -> { // the sender: hands off, then exits
                ShmTransport t = ShmTransport.handedToReceiver(me);
                byte[] bytes = t.serialize(() -> KRYO.serialize(matrix(100, 200)).copy());
                java.nio.file.Files.write(java.nio.file.Path.of(path), bytes);
                t.release();
            });
            assertThat(w.join()).isZero();
            ShmRegistry.sweepDeadOwners(); // its creator is dead now: only the receiver's entry keeps it
            Object back = KRYO.deserialize(java.nio.file.Files.readAllBytes(message));
            assertThat(back).isEqualTo(matrix(100, 200));
            assertThat(ShmRegistry.list()).noneMatch(n -> n.startsWith(ShmRegistry.PREFIX + w.pid() + "-"));
        } finally {
            java.nio.file.Files.deleteIfExists(message);
        }
    }

    @Test
    void aHandedOffBlockWhoseReceiverDiedIsSweptOnceItsCreatorIsGone() throws Exception {
        Process receiver = new ProcessBuilder("sleep", "30").start(); // a receiver that will never read it
        String prefix;
        try {
            long receiverPid = receiver.pid();
            WorkerProcess w = WorkerProcess.builder().name("handoff-orphan").start(() -> {
                ShmTransport t = ShmTransport.handedToReceiver(receiverPid);
                t.serialize(() -> KRYO.serialize(new long[1 << 16]).copy());
                t.release();
            });
            assertThat(w.join()).isZero();
            prefix = ShmRegistry.PREFIX + w.pid() + "-";
            ShmRegistry.sweepDeadOwners();
            assertThat(ShmRegistry.list()).as("kept while its receiver lives").anyMatch(n -> n.startsWith(prefix));
        } finally {
            receiver.destroyForcibly().waitFor();
        }
        ShmRegistry.sweepDeadOwners();
        assertThat(ShmRegistry.list()).as("swept once creator and receiver are gone").noneMatch(n -> n.startsWith(prefix));
    }
}
