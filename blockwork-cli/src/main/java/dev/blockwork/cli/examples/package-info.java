/**
 * Real workloads over Zarr and block files, each run by a test at a small size (checked against an exact or naive
 * answer) and by {@code blockwork bench zarr} at full size: {@link dev.blockwork.cli.examples.ClimateAnomaly}
 * (monthly climatology, anomaly and standard deviation of a generated (time, lat, lon) Zarr dataset),
 * {@link dev.blockwork.cli.examples.HeatEquation} (a 2-D stencil with {@code mapOverlap} over many steps, against
 * the exact solution) and {@link dev.blockwork.cli.examples.ImagePipeline} (images read from many files, filtered,
 * reduced). They live in the command-line module, not in the library jars.
 */
package dev.blockwork.cli.examples;
