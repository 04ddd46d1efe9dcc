package dev.blockwork.futures;

/** What {@link Client#wait} waits for, as in {@code concurrent.futures.wait}. */
public enum WaitMode {
    /** Until every future has ended. */
    ALL_COMPLETED,
    /** Until any future has ended. */
    FIRST_COMPLETED,
    /** Until any future has failed, or every future has ended. */
    FIRST_EXCEPTION
}
