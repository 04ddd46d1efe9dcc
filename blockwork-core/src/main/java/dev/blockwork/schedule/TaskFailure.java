package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A task's failure as a value: what failed, where, on which attempt, and the full stack trace as it was
 * where the task ran (so it survives any transport, even when the exception's class cannot be loaded
 * on this side). Every scheduler reports failures with this record inside a {@link TaskFailedException}.
 *
 * @param key            the failing task's key; inside a fused chain, the failing step's own key
 * @param function       the failing step's function label
 * @param worker         where it ran (thread name, worker process and pid), or {@code null} if unknown
 * @param attempt        1 for the first run, 2 for the first retry...
 * @param exceptionClass the original exception's class name
 * @param message        the original exception's message
 * @param stackTrace     the original exception's stack trace with its causes, as printed where it ran
 */
public record TaskFailure(Key key, String function, String worker, int attempt, String exceptionClass,
                          String message, String stackTrace) implements java.io.Serializable {

    /**
     * The record for {@code error}, raised by step {@code key}/{@code function}: its class, message and printed
     * stack trace, taken now.
     *
     * @param key      the failing step's key
     * @param function the failing step's function label
     * @param worker   where it ran, or {@code null} if unknown
     * @param attempt  1 for the first run, 2 for the first retry...
     * @param error    what it threw, not null
     * @return the record
     */
    public static TaskFailure of(Key key, String function, String worker, int attempt, Throwable error) {
        StringWriter w = new StringWriter();
        error.printStackTrace(new PrintWriter(w));
        return new TaskFailure(key, function, worker, attempt, error.getClass().getName(), error.getMessage(), w.toString());
    }

    /** The same failure on another attempt or worker. */
    TaskFailure at(String worker, int attempt) {
        return new TaskFailure(key, function, worker != null ? worker : this.worker, attempt, exceptionClass, message, stackTrace);
    }
}
