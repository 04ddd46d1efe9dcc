/**
 * Programs the {@code blockwork demo} command runs: the seed array example, a process pool with a queue between
 * JVMs, async tasks on virtual threads, an HTTP load example, and real workloads. They are application code that
 * uses only the public API, kept out of the library jars.
 */
package dev.blockwork.cli.examples;
