package dev.blockwork.futures;

import java.util.List;

/**
 * The futures that were done and not done when {@link Client#wait} returned.
 *
 * @param done    the futures that had ended (succeeded, failed or cancelled), in the order given
 * @param notDone the others, in the order given
 * @param <T>     the value type
 */
public record WaitResult<T>(List<TaskFuture<T>> done, List<TaskFuture<T>> notDone) {}
