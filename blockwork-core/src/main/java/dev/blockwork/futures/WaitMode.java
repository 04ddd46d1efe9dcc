package dev.blockwork.futures;

/** What {@link Client#wait} waits for, as in {@code concurrent.futures.wait}. */
public enum WaitMode { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION }
