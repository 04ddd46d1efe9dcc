package dev.blockwork.process;

import java.io.Serializable;

/** Code a {@link WorkerProcess} runs: serializable, may throw (the worker then exits with status 1). */
@FunctionalInterface
public interface WorkerTask extends Serializable {
    /**
     * Runs the task in the worker.
     *
     * @throws Exception anything: the worker prints its stack trace and exits with status 1
     */
    void run() throws Exception;
}
