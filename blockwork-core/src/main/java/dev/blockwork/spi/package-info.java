/**
 * Service-provider interfaces that other modules implement and transports use: {@link dev.blockwork.spi.BlockCodec}
 * (how an array block type travels between JVMs). Happens-before: none beyond what each transport promises.
 */
package dev.blockwork.spi;
