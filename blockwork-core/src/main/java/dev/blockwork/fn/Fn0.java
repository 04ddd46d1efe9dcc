package dev.blockwork.fn;

import java.io.Serializable;

/** A serializable function of 0 argument(s) that may throw; tasks are built from these. */
@FunctionalInterface
public interface Fn0<R> extends Serializable {
    R apply() throws Exception;
}
