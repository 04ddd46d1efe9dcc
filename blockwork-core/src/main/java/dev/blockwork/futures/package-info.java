/**
 * Eager futures, like Dask's {@code Client} and Python's {@code concurrent.futures}.
 *
 * <h2>Memory consistency</h2>
 * Actions before {@code submit} happen-before the task runs; the task's actions happen-before
 * {@code result()}, {@code gather} or {@code asCompleted} return its value, and before a task that
 * received this future as an argument starts.
 */
package dev.blockwork.futures;
