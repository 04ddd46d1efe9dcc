package dev.blockwork.async;

import java.util.concurrent.CompletionException;

/**
 * Package-private helpers that rethrow a task's failure keeping its original type.
 *
 * <p>Implementation overview: checked exceptions travel as themselves through methods declared
 * {@code throws Exception}; {@link Error}s are thrown as they are; the only wrapping happens where a
 * signature cannot declare checked exceptions ({@link TaskGroup#close()}), and there the standard
 * {@link CompletionException} is used so that callers recognise it.
 */
final class Failures {
    private Failures() {}

    /** Returns {@code t} as an Exception to throw, or throws it directly if it is an Error. */
    static Exception asException(Throwable t) {
        if (t instanceof Exception e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CompletionException("got a Throwable that is neither an Exception nor an Error", t);
    }

    /** Returns {@code t} as an unchecked exception to throw, or throws it directly if it is an Error. */
    static RuntimeException asUnchecked(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CompletionException(t);
    }
}
