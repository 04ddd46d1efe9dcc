/** Benchmarks of the process module between real JVMs (used by the CLI's bench). */
package dev.blockwork.process.bench;
