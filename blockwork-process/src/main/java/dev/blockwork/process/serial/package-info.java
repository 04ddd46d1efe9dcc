/**
 * Serialization of tasks and values between processes: Kryo (default) with Java serialization as
 * fallback, a Serializable check on write and an allow-list on read
 * ({@link dev.blockwork.process.serial.ClassAllowList}). Array blocks ({@code NDArray}, large primitive
 * arrays) go through shared memory while a {@link dev.blockwork.process.serial.ShmTransport} is installed
 * ({@link dev.blockwork.process.serial.BlockDescriptor}): a block's bytes written into its file by the sender
 * happen-before the receiver's copy, because the message naming the file is published after them.
 */
package dev.blockwork.process.serial;
