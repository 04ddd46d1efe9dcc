package dev.blockwork.process;

import java.io.Serializable;

/** Code a {@link WorkerProcess} runs: serializable, may throw (the worker then exits with status 1). */
@FunctionalInterface
public interface WorkerTask extends Serializable {
    void run() throws Exception;
}
