package dev.blockwork.process.internal;

import dev.blockwork.process.ChannelClosedException;
import dev.blockwork.process.Connection;
import dev.blockwork.process.PeerDiedException;
import dev.blockwork.process.SerializableBiFunction;
import dev.blockwork.process.SerializableCallable;
import dev.blockwork.process.WorkerTask;
import dev.blockwork.process.serial.JavaSerializer;
import dev.blockwork.process.serial.Serialization;
import dev.blockwork.spi.Serializer;
import dev.blockwork.process.serial.ShmTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a pool worker JVM runs: the initializer, then task frames from its pipe until told to stop,
 * its parent goes away, or it has run {@code maxTasks} chunks (0 = no limit).
 */
public record PoolWorkerLoop(Connection connection, WorkerTask initializer, int maxTasks) implements WorkerTask {
    /** The pool's JVM, which receives result blocks (named in each block's user table at hand-off). */
    private static final long PARENT = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);

    /** First message of a worker: its initializer ran and it is taking tasks. */
    public static final String READY = "blockwork-worker-ready";

    @Override
    public void run() throws Exception {
        if (initializer != null) initializer.run();
        connection.send(READY);
        Serializer ser = Serialization.get();
        Map<Integer, Object> functions = new HashMap<>();
        int done = 0;
        try (Connection c = connection) {
            while (maxTasks <= 0 || done < maxTasks) {
                byte[] raw = c.receiveBytes();
                TaskFrameDescriptor.Frame f = TaskFrameDescriptor.decode(raw);
                if (f.chunkId() == TaskFrameDescriptor.STOP) break;
                Object[] inputs;
                dev.blockwork.process.serial.ClassAllowList.trust(f.trusted()); // the application classes our parent sent
                try {
                    if (f.fnLength() > 0) functions.put(f.fnId(), ser.deserialize(raw, f.fnOffset(), f.fnLength()));
                    inputs = Packing.unpack(ser.deserialize(raw, f.inputsOffset(), f.inputsLength()));
                } catch (RuntimeException | LinkageError e) { // e.g. ClassNotAllowedException: fail the task, not the worker
                    c.send(failure(f.chunkId(), 0, e));
                    done++;
                    continue;
                }
                ResultMessage result = execute(f, functions.get(f.fnId()), inputs);
                ShmTransport blocks = ShmTransport.handedToReceiver(PARENT, BlockArena.ofProcess()); // large result blocks: the pool's read frees them
                try {
                    blocks.serialize(() -> { c.send(result); return null; });
                    blocks.release();
                } catch (ChannelClosedException | PeerDiedException gone) {
                    blocks.abort();
                    throw gone;
                } catch (RuntimeException tooLargeOrUnserializable) { // fail the task, keep the worker
                    blocks.abort();
                    c.send(failure(f.chunkId(), 0, tooLargeOrUnserializable));
                }
                done++;
            }
        } catch (ChannelClosedException | PeerDiedException e) {
            // the pool went away: exit quietly
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static ResultMessage execute(TaskFrameDescriptor.Frame f, Object fn, Object[] inputs) {
        Object[] out = new Object[inputs.length];
        int i = 0;
        try {
            for (; i < inputs.length; i++) {
                out[i] = switch (f.mode()) {
                    case TaskFrameDescriptor.MODE_MAP -> ((Function) fn).apply(inputs[i]);
                    case TaskFrameDescriptor.MODE_CALL -> ((SerializableCallable<?>) inputs[i]).call();
                    case TaskFrameDescriptor.MODE_STAR -> {
                        Map.Entry<?, ?> e = (Map.Entry<?, ?>) inputs[i];
                        yield ((SerializableBiFunction) fn).apply(e.getKey(), e.getValue());
                    }
                    default -> throw new IllegalStateException("got task mode " + f.mode() + ", expected 1, 2 or 3");
                };
            }
            return new ResultMessage(f.chunkId(), Packing.pack(out), -1, null, null);
        } catch (Throwable t) {
            return failure(f.chunkId(), i, t);
        }
    }

    static ResultMessage failure(long chunkId, int index, Throwable t) {
        if (t instanceof dev.blockwork.process.serial.UnserializableException u) { // its Kryo cause does not travel
            t = new dev.blockwork.process.serial.UnserializableException(u.offendingClass(), "the result of a task", null);
        }
        byte[] err = null;
        try {
            err = new JavaSerializer().serialize(t).copy();
        } catch (RuntimeException notSerializable) {
            // send the text only
        }
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return new ResultMessage(chunkId, null, index, err, sw.toString());
    }
}
