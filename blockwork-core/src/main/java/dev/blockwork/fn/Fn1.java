package dev.blockwork.fn;

import java.io.Serializable;

/**
 * A serializable function of 1 argument(s) that may throw; tasks are built from these.
 *
 * @param <A> the first argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn1<A, R> extends Serializable {
    /**
     * Calls the function.
     *
     * @param a the first argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(A a) throws Exception;
}
