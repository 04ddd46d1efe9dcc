/**
 * Service-provider interfaces that other modules implement and transports use: {@link dev.blockwork.spi.BlockCodec}
 * (how an array block type travels between JVMs), {@link dev.blockwork.spi.Serializer} (how tasks and values do) and
 * {@link dev.blockwork.spi.DashboardProvider} (what the {@code dashboard=on} setting starts). Happens-before: none beyond what each transport promises.
 */
package dev.blockwork.spi;
