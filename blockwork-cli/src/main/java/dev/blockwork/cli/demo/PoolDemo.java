package dev.blockwork.cli.demo;

import java.io.PrintStream;

/** Part (2): a pool of parallel workers — worker JVMs, a process pool and a Queue between processes. */
final class PoolDemo {
    private PoolDemo() {}

    static void run(PrintStream out, boolean quick) throws Exception {
        dev.blockwork.cli.examples.ProcessDemo.run(out, quick);
    }
}
