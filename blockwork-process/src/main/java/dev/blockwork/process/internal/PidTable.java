package dev.blockwork.process.internal;

import java.lang.foreign.MemorySegment;

/**
 * A small table of process ids in shared memory: who uses a queue. Lets a waiter tell "nobody else
 * is alive to ever wake me" from "slow peer". {@link #BYTES} bytes: {@link #SLOTS} longs, 0 = empty.
 */
public final class PidTable {
    public static final int SLOTS = 64;
    public static final int BYTES = SLOTS * 8;

    private PidTable() {}

    /** Records {@code pid} (idempotent); silently does nothing when the table is full. */
    public static void add(MemorySegment table, long pid) {
        for (int i = 0; i < SLOTS; i++) if (Atomics.getLongVolatile(table, i * 8L) == pid) return;
        for (int i = 0; i < SLOTS; i++) {
            long v = Atomics.getLongVolatile(table, i * 8L);
            if ((v == 0 || !alive(v)) && Atomics.casLong(table, i * 8L, v, pid)) return;
        }
    }

    public static void remove(MemorySegment table, long pid) {
        for (int i = 0; i < SLOTS; i++) Atomics.casLong(table, i * 8L, pid, 0);
    }

    /** True when some process other than {@code self} in the table is alive (or the table is full of unknowns). */
    public static boolean anyOtherAlive(MemorySegment table, long self) {
        for (int i = 0; i < SLOTS; i++) {
            long v = Atomics.getLongVolatile(table, i * 8L);
            if (v != 0 && v != self && alive(v)) return true;
        }
        return false;
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
