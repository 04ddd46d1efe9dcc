package dev.blockwork.cli.bench;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import dev.blockwork.ndarray.Shape;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Child-JVM part of the larger-than-heap case: a random array 4× larger than the JVM's max heap, whose blocks are
 * materialised (through {@code mapBlocks}) and released as the reduction consumes them. Prints one line:
 * {@code <seconds> <array bytes> <max heap bytes> <peak heap bytes> <result>}.
 */
public final class LargerThanHeap {
    private LargerThanHeap() {}

    /**
     * Reduces an array several times the heap in bounded memory and prints the peak heap.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long side = (long) Math.ceil(Math.sqrt(4.0 * maxHeap / 8));
        side = (side + 1023) / 1024 * 1024;
        long block = Math.max(256, side / 16);
        DArray x = new DRandom(3).uniform(Shape.of(side, side), Chunks.of(block, block))
                .mapBlocks((b, info) -> b.copy()); // a real block per task: produced, consumed, released
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        long t0 = System.nanoTime();
        double mean = x.mean().compute().item();
        double s = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        System.out.println(s + " " + side * side * 8 + " " + maxHeap + " " + peak + " " + mean);
    }
}
