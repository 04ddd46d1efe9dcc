package dev.blockwork.process;

import java.io.Serializable;

/**
 * A one-argument task for {@link WorkerProcess#start(SerializableConsumer, Object)}; may throw.
 *
 * @param <T> the argument's type
 */
@FunctionalInterface
public interface SerializableConsumer<T> extends Serializable {
    /**
     * Runs the task in the worker.
     *
     * @param value the argument given to {@code start}, deserialized in the worker
     * @throws Exception anything: the worker prints its stack trace and exits with status 1
     */
    void accept(T value) throws Exception;
}
