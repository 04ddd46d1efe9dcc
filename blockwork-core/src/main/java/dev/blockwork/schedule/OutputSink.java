package dev.blockwork.schedule;

/**
 * Receives each output of an execution as soon as it is terminal (the futures API: one future per
 * output). Called exactly once per distinct output task, from the thread that finished, failed or
 * cancelled it.
 */
public interface OutputSink {
    void done(int task, Object value);

    /** {@code error} is a {@link TaskFailedException}, or a {@link java.util.concurrent.CancellationException}. */
    void failed(int task, Throwable error);
}
