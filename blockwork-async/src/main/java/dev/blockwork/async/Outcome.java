package dev.blockwork.async;

import java.util.concurrent.CancellationException;

/**
 * How one task ended: {@link Success}, {@link Failure} or {@link Cancelled}. Returned per task by
 * {@link Async#gatherSettled} (the counterpart of Python's {@code gather(..., return_exceptions=True)}
 * and JavaScript's {@code Promise.allSettled}). Use a pattern-matching {@code switch}:
 *
 * <pre>{@code
 * switch (outcome) {
 *     case Outcome.Success<String>(var value) -> use(value);
 *     case Outcome.Failure<String>(var error) -> log(error);
 *     case Outcome.Cancelled<String> c -> {}
 * }
 * }</pre>
 *
 * <p>Outcomes are immutable values; nothing here blocks.
 *
 * @param <T> the task's result type
 */
public sealed interface Outcome<T> {

    /**
     * The task returned {@code value} (which may be null).
     *
     * @param <T> the task's result type
     * @param value what the body returned
     */
    record Success<T>(T value) implements Outcome<T> {}

    /**
     * The task threw {@code error} (the original exception object, type preserved).
     *
     * @param <T> the task's result type
     * @param error what the body threw, not null
     */
    record Failure<T>(Throwable error) implements Outcome<T> {
        /**
         * Checks the error.
         *
         * @throws NullPointerException if {@code error} is null
         */
        public Failure {
            if (error == null) {
                throw new NullPointerException("got a null error, expected the exception the task threw");
            }
        }
    }

    /**
     * The task was cancelled; {@code cause} says by whom, its own cause is what the body threw if anything.
     *
     * @param <T> the task's result type
     * @param cause who cancelled the task (its own cause: what the body threw, if anything)
     */
    record Cancelled<T>(CancellationException cause) implements Outcome<T> {}

    /**
     * Returns true if this is a {@link Success}.
     *
     * @return whether the task succeeded
     */
    default boolean isSuccess() {
        return this instanceof Success<T>;
    }

    /**
     * Returns the value of a {@link Success}, or throws what the task threw ({@link Failure}: the original
     * exception, {@link Error}s as they are) or the {@link CancellationException} ({@link Cancelled}).
     *
     * @return the value of a success
     * @throws Exception what the task threw, or the {@link CancellationException} of a cancelled task
     */
    default T getOrThrow() throws Exception {
        return switch (this) {
            case Success<T> s -> s.value();
            case Failure<T> f -> throw Failures.asException(f.error());
            case Cancelled<T> c -> throw c.cause();
        };
    }
}
