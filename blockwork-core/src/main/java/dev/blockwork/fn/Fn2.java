package dev.blockwork.fn;

import java.io.Serializable;

/**
 * A serializable function of 2 argument(s) that may throw; tasks are built from these.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn2<A, B, R> extends Serializable {
    /**
     * Calls the function.
     *
     * @param a the first argument
     * @param b the second argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(A a, B b) throws Exception;
}
