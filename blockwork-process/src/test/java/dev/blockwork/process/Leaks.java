package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.process.internal.ShmRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Leak checks run after each test class: no child JVMs alive, no shared-memory files of ours left. */
final class Leaks {
    private Leaks() {}

    static void assertClean() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<ProcessHandle> kids = List.of();
        while (System.nanoTime() < deadline) {
            kids = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
            if (kids.isEmpty()) break;
            Thread.sleep(50);
        }
        assertThat(kids).as("child processes still alive").isEmpty();
        ShmRegistry.sweepDeadOwners(); // files of killed workers: what a fresh JVM's sweep does
        String me = ShmRegistry.PREFIX + ProcessHandle.current().pid() + "-";
        assertThat(ShmRegistry.list()).as("shared-memory files left in " + ShmRegistry.directory())
                .noneMatch(n -> n.startsWith(me));
    }
}
