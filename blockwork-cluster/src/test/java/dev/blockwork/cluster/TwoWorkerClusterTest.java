package dev.blockwork.cluster;

import dev.blockwork.schedule.ComputeOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What a test class that shares one local cluster needs: two worker JVMs of one task thread each, started before
 * its first test and closed after its last (no worker JVM may survive: {@link Leaks#closeAndCheck}).
 */
abstract class TwoWorkerClusterTest {
    /** The cluster of the test class now running (test classes run one at a time). */
    static LocalCluster local;
    /** The longest any wait in these tests may take. */
    static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void start() { local = LocalCluster.start(2, 1); }

    @AfterAll
    static void stop() { Leaks.closeAndCheck(local); }

    /** Options that run on this class's cluster, without a progress bar. */
    static ComputeOptions on() { return ComputeOptions.defaults().withScheduler(local.scheduler()).withProgress(false); }
}
