package dev.blockwork.fn;

import java.io.Serializable;

/**
 * A serializable function of 0 argument(s) that may throw; tasks are built from these.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn0<R> extends Serializable {
    /**
     * Calls the function.
     *
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply() throws Exception;
}
