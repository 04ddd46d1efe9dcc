/** Runnable demos of the process module (used by the CLI's demo). */
package dev.blockwork.process.examples;
