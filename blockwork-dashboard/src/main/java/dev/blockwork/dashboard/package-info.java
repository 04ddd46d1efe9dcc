/**
 * Diagnostics that watch computes through the engine's events, for every scheduler: the live
 * {@link dev.blockwork.dashboard.Dashboard} (a page served by the JDK's HTTP server with server-sent events),
 * the self-contained {@link dev.blockwork.dashboard.PerformanceReport} and the
 * {@link dev.blockwork.dashboard.ChromeTrace} profile export.
 *
 * <p>Happens-before: a task's events happen-before the tick that shows them (at most about 250 ms later on
 * the page); everything a compute reported before a report's or a trace's {@code close()} returns is in its
 * file, for computes that ended before {@code close()} was called.
 */
package dev.blockwork.dashboard;
