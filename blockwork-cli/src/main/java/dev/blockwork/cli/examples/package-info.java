/**
 * Application code over the public API, kept out of the library jars. The programs {@code blockwork demo} runs:
 * the seed array example, a process pool with a queue between JVMs, async tasks on virtual threads and an HTTP
 * load example. And real workloads over Zarr and block files, each run by a test at a small size (checked against
 * an exact or naive answer) and by {@code blockwork bench zarr} at full size:
 * {@link dev.blockwork.cli.examples.ClimateAnomaly} (monthly climatology, anomaly and standard deviation of a
 * generated (time, lat, lon) Zarr dataset), {@link dev.blockwork.cli.examples.HeatEquation} (a 2-D stencil with
 * {@code mapOverlap} over many steps, against the exact solution) and
 * {@link dev.blockwork.cli.examples.ImagePipeline} (images read from many files, filtered, reduced).
 */
package dev.blockwork.cli.examples;
