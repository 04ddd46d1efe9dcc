package dev.blockwork.fn;

import java.io.Serializable;

/** A serializable function of 2 argument(s) that may throw; tasks are built from these. */
@FunctionalInterface
public interface Fn2<A, B, R> extends Serializable {
    R apply(A a, B b) throws Exception;
}
