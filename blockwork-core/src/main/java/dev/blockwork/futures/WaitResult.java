package dev.blockwork.futures;

import java.util.List;

/** The futures that were done and not done when {@link Client#wait} returned. */
public record WaitResult<T>(List<TaskFuture<T>> done, List<TaskFuture<T>> notDone) {}
