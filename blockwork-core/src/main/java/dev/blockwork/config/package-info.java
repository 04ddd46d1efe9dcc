/** Settings from system properties, environment variables and a config file ({@link dev.blockwork.config.Config}). */
package dev.blockwork.config;
