package dev.blockwork.fn;

import java.io.Serializable;

/**
 * A serializable function of 4 argument(s) that may throw; tasks are built from these.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <C> the third argument's type
 * @param <D> the fourth argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn4<A, B, C, D, R> extends Serializable {
    /**
     * Calls the function.
     *
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param d the fourth argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(A a, B b, C c, D d) throws Exception;
}
