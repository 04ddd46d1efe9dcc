package com.example.execjava;

import dev.blockwork.process.PoolOptions;
import dev.blockwork.process.ProcessPool;
import dev.blockwork.process.WorkerProcess;
import java.util.List;

/**
 * A user program as {@code mvn exec:java} runs it: loaded, with Blockwork, by a URLClassLoader, while
 * {@code java.class.path} holds only the launcher ({@code dev.blockwork.process.ExecJavaClassPathTest}).
 */
public final class PoolMain {
    /** Never sent nor declared as a result type: a worker must still refuse to send it back. */
    static final class Undeclared implements java.io.Serializable {
        final int x = 1;
    }

    private PoolMain() {}

    public static void main(String[] args) {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxStartFailures(1))) {
            int k = 3;
            System.out.println("exec:java " + pool.map((Integer x) -> x * k, List.of(1, 2, 3)));
            try {
                pool.apply(() -> (Object) new Undeclared());
                System.out.println("undeclared class accepted");
            } catch (RuntimeException e) {
                System.out.println("undeclared class refused: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }
}
