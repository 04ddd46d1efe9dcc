/**
 * The runnable jar's entry point, {@link dev.blockwork.cli.boot.Launch}: compiled for Java 8 so that an old JVM
 * gets one clear line ("Blockwork needs Java 25 or newer; ...") instead of {@code UnsupportedClassVersionError}.
 */
package dev.blockwork.cli.boot;
