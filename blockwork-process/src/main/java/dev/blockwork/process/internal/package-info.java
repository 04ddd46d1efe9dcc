/**
 * Internals: shared-memory files and their layouts ({@code ...Descriptor}), the MPMC slot ring, back-off,
 * the worker entry point {@link dev.blockwork.process.internal.WorkerMain} and the launcher. Not API.
 */
package dev.blockwork.process.internal;
