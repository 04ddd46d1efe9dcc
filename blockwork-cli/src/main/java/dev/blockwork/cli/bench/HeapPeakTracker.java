package dev.blockwork.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Tracks the peak used heap of this JVM while open: the largest of (a) the heap in use just before each
 * garbage collection, taken from the collectors' notifications, and (b) the used heap sampled every
 * millisecond by a platform daemon thread. Between collections the heap only grows, so (a) catches the true
 * peak at each collection and (b) the peak of the final stretch. The figure includes garbage not yet
 * collected, as a process's resident size would.
 *
 * <p>Not thread-safe to open twice at once; {@link #close()} stops the sampler and removes the listeners.
 */
final class HeapPeakTracker implements AutoCloseable {
    private final AtomicLong peakBytes = new AtomicLong();
    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final Thread sampler;
    private volatile boolean running = true;

    HeapPeakTracker() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = Thread.ofPlatform().daemon().name("heap-peak-sampler").start(this::sample);
    }

    private void sample() {
        while (running) {
            record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) n.getUserData());
        long before = 0;
        for (var e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                MemoryUsage u = e.getValue();
                before += u.getUsed();
            }
        }
        record(before);
    }

    private void record(long usedBytes) {
        peakBytes.accumulateAndGet(usedBytes, Math::max);
    }

    /** The peak used heap seen so far, in bytes. */
    long peakBytes() {
        return peakBytes.get();
    }

    @Override
    public void close() {
        running = false;
        boolean interrupted = false;
        while (sampler.isAlive()) {
            try {
                sampler.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone: nothing to remove
            }
        }
    }
}
