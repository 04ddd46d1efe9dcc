package dev.blockwork.fn;

import java.io.Serializable;

/**
 * A serializable function of any number of arguments, given as an array.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface FnN<R> extends Serializable {
    /**
     * Calls the function.
     *
     * @param args the arguments, in order
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(Object[] args) throws Exception;
}
