package blockworktest;

import java.io.Serializable;

/** A result class the parent JVM never allows: its result message cannot be read there. */
public record NotAllowedResult(int value) implements Serializable {}
