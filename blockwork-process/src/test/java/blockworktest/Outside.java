package blockworktest;

import java.io.Serializable;

/** A serializable class outside the default allow-list, for the deserialization filter tests. */
public record Outside(int value) implements Serializable {}
