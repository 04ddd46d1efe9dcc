package dev.blockwork.fn;

import java.io.Serializable;

/** A serializable function of 1 argument(s) that may throw; tasks are built from these. */
@FunctionalInterface
public interface Fn1<A, R> extends Serializable {
    R apply(A a) throws Exception;
}
