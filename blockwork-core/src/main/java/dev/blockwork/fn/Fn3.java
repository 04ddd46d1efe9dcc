package dev.blockwork.fn;

import java.io.Serializable;

/** A serializable function of 3 argument(s) that may throw; tasks are built from these. */
@FunctionalInterface
public interface Fn3<A, B, C, R> extends Serializable {
    R apply(A a, B b, C c) throws Exception;
}
