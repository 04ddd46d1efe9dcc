/**
 * Serialization of tasks and values between processes: Kryo (default) with Java serialization as
 * fallback, a Serializable check on write and an allow-list on read
 * ({@link dev.blockwork.process.serial.ClassAllowList}).
 */
package dev.blockwork.process.serial;
