package dev.blockwork.schedule;

import java.util.Arrays;

/** A growable stack of task numbers; also a {@link ReadySink}. Not thread-safe: one per worker job. */
final class IntStack implements ReadySink {
    int[] items = new int[8];
    int size;

    @Override
    public void ready(int task) { push(task); }

    void push(int v) {
        if (size == items.length) items = Arrays.copyOf(items, size * 2);
        items[size++] = v;
    }

    int pop() { return items[--size]; }

    boolean isEmpty() { return size == 0; }
}
