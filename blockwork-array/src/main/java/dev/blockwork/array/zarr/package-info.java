/**
 * Zarr v2 and v3 on the local file system, read and written lazily by block: {@link dev.blockwork.array.zarr.Zarr}
 * (read, write, create), {@link dev.blockwork.array.zarr.ZarrArray} (one array: metadata, chunk reads and writes,
 * as a DArray or a {@link dev.blockwork.array.BlockSink}), {@link dev.blockwork.array.zarr.ZarrGroup} (groups,
 * attributes, consolidated metadata), {@link dev.blockwork.array.zarr.ZarrWriteOptions} and
 * {@link dev.blockwork.array.zarr.ZarrCodec} (zlib, gzip, Blosc, zstd, lz4, crc32c). See docs/storage.md.
 *
 * <p>Memory visibility and ordering (what this package promises):
 * <ul>
 * <li>{@code Zarr.write} / {@code DArray.toZarr} write the metadata before any chunk task starts, and every chunk
 *     is in place (moved to its final name) before they return; a reader opening the array afterwards sees all of
 *     it.</li>
 * <li>each chunk and metadata file is published by an atomic rename of a complete temporary file: a concurrent
 *     reader sees either the old file, no file (the fill value) or the whole new one, never part of one.</li>
 * <li>objects here are immutable; a {@code ZarrArray}'s metadata is read once, when it is opened, so a change made
 *     to the store by someone else afterwards is not seen by arrays already open.</li>
 * </ul>
 */
package dev.blockwork.array.zarr;
