/** The {@code processes} scheduler: task graphs on worker JVMs (registered through {@code ServiceLoader}). */
package dev.blockwork.process.schedule;
