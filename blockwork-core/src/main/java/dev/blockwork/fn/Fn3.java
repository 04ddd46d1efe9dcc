package dev.blockwork.fn;

import java.io.Serializable;

/**
 * A serializable function of 3 argument(s) that may throw; tasks are built from these.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <C> the third argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn3<A, B, C, R> extends Serializable {
    /**
     * Calls the function.
     *
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(A a, B b, C c) throws Exception;
}
