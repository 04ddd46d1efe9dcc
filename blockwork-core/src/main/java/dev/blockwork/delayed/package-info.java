/**
 * Lazy function calls ({@link dev.blockwork.delayed.Delayed}), like {@code dask.delayed}.
 * Delayed values are immutable; building them from several threads is safe. Memory consistency is
 * that of {@link dev.blockwork.schedule}.
 */
package dev.blockwork.delayed;
