package dev.blockwork.cli.demo;

import java.io.PrintStream;

/** Part (4): the seed's chunked-array example. */
final class ArraysDemo {
    private ArraysDemo() {}

    static void run(PrintStream out, boolean quick) {
        if (quick) dev.blockwork.cli.examples.SeedArrayExample.run(out, 5, 5);
        else dev.blockwork.cli.examples.SeedArrayExample.run(out);
    }
}
