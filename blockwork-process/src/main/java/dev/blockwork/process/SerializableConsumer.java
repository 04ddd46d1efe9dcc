package dev.blockwork.process;

import java.io.Serializable;

/** A one-argument task for {@link WorkerProcess#start(SerializableConsumer, Object)}; may throw. */
@FunctionalInterface
public interface SerializableConsumer<T> extends Serializable {
    void accept(T value) throws Exception;
}
