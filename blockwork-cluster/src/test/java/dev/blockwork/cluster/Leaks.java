package dev.blockwork.cluster;

import static org.assertj.core.api.Assertions.assertThat;

/** After a test class: none of its worker JVMs is still alive (no orphans). */
final class Leaks {
    private Leaks() {}

    /** Closes {@code local} (if it started) and checks that none of its worker JVMs is alive. */
    static void closeAndCheck(LocalCluster local) {
        try {
            if (local != null) local.close();
        } finally {
            assertNoWorkers(local);
        }
    }

    static void assertNoWorkers(LocalCluster local) {
        if (local == null) return;
        for (ProcessHandle p : local.processes()) {
            assertThat(p.isAlive()).as("worker JVM pid " + p.pid() + " is still alive after close").isFalse();
        }
    }
}
