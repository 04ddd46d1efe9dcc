package dev.blockwork.schedule;

/**
 * Receives each output of an execution as soon as it is terminal (the futures API: one future per
 * output). Called exactly once per distinct output task, from the thread that finished, failed or
 * cancelled it.
 */
public interface OutputSink {
    /**
     * An output finished.
     *
     * @param task  the output's task number
     * @param value its result (a {@link HeldResult} handle where the executor keeps it elsewhere)
     */
    void done(int task, Object value);

    /**
     * An output failed or was cancelled.
     *
     * @param task  the output's task number
     * @param error a {@link TaskFailedException}, or a {@link java.util.concurrent.CancellationException}
     */
    void failed(int task, Throwable error);
}
