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

    /** Records {@code pid} (idempotent); returns false when the table is full. */
    public static boolean add(MemorySegment table, long pid) {
        int slots = (int) (table.byteSize() / 8);
        for (int i = 0; i < slots; i++) if (Atomics.getLongVolatile(table, i * 8L) == pid) return true;
        for (int i = 0; i < slots; i++) {
            long v = Atomics.getLongVolatile(table, i * 8L);
            if ((v == 0 || !alive(v)) && Atomics.casLong(table, i * 8L, v, pid)) return true;
        }
        return false;
    }

    public static void remove(MemorySegment table, long pid) {
        int slots = (int) (table.byteSize() / 8);
        for (int i = 0; i < slots; i++) Atomics.casLong(table, i * 8L, pid, 0);
    }

    /** True when some process other than {@code self} in the table is alive. */
    public static boolean anyOtherAlive(MemorySegment table, long self) {
        int slots = (int) (table.byteSize() / 8);
        for (int i = 0; i < slots; i++) {
            long v = Atomics.getLongVolatile(table, i * 8L);
            if (v != 0 && v != self && alive(v)) return true;
        }
        return false;
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
