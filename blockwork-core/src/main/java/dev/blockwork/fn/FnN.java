package dev.blockwork.fn;

import java.io.Serializable;

/** A serializable function of any number of arguments, given as an array. */
@FunctionalInterface
public interface FnN<R> extends Serializable {
    R apply(Object[] args) throws Exception;
}
