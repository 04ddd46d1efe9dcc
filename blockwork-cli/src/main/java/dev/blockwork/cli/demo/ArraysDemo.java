package dev.blockwork.cli.demo;

import java.io.PrintStream;

/** Part (4): the seed's distributed-framework example on chunked arrays. */
final class ArraysDemo {
    private ArraysDemo() {}

    static void run(PrintStream out) {
        dev.blockwork.cli.examples.SeedArrayExample.run(out);
    }
}
