package dev.blockwork.fn;

import java.io.Serializable;

/** A serializable function of 4 argument(s) that may throw; tasks are built from these. */
@FunctionalInterface
public interface Fn4<A, B, C, D, R> extends Serializable {
    R apply(A a, B b, C c, D d) throws Exception;
}
