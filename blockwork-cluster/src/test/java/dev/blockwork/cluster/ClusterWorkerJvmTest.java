package dev.blockwork.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.fn.Fn1;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.TaskFailedException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs started with options of their own. {@code --code deployed}: a worker runs only what its own class path has. The application's deployed classes
 * run; a class that only the client has is refused with an error naming it and the mode, and nothing is loaded
 * from the client.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterWorkerJvmTest {
    static int triple(int x) { return 3 * x; }

    @Test
    void aWorkerWithDeployedCodeOnlyRunsItsOwnClassesAndNamesTheOneItLacks(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String name = "deployed-" + ProcessHandle.current().pid();
        WorkerJvm w = WorkerJvm.start(List.of(), "deployed-worker", name, List.of("--port", Integer.toString(port), "--code", "deployed"));
        try {
            assertThat(w.ready().get(90, TimeUnit.SECONDS)).contains("listening on 127.0.0.1:" + port);
            try (Cluster c = Cluster.connect(name, List.of("127.0.0.1:" + port))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (c.workers().isEmpty() && System.nanoTime() < deadline) c.executor().awaitMembershipChange(100);
                ComputeOptions on = ComputeOptions.defaults().withScheduler(c.scheduler()).withProgress(false);
                assertThat(Delayed.of(ClusterWorkerJvmTest::triple, 14).compute(on)).as("a deployed class runs").isEqualTo(42);

                Path src = dir.resolve("com/example/shipped/OnlyHere.java");
                Files.createDirectories(src.getParent());
                Files.writeString(src, """
                        package com.example.shipped;
                        public class OnlyHere implements dev.blockwork.fn.Fn1<Integer, Integer> {
                            public Integer apply(Integer x) { return x + 1; }
                        }
                        """);
                int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), "-cp",
                        System.getProperty("java.class.path"), src.toString());
                assertThat(rc).isZero();
                try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                    @SuppressWarnings("unchecked")
                    Fn1<Integer, Integer> f = (Fn1<Integer, Integer>) loader.loadClass("com.example.shipped.OnlyHere").getDeclaredConstructor().newInstance();
                    assertThatThrownBy(() -> Delayed.of(f, 1).compute(on))
                            .isInstanceOf(TaskFailedException.class)
                            .hasMessageContaining("could not read the task (this worker runs deployed code only, --code deployed")
                            .hasStackTraceContaining("com.example.shipped.OnlyHere");
                }
            }
        } finally {
            w.stop();
        }
        assertThat(w.process().isAlive()).isFalse();
    }

    /** A worker that cannot start (its port is taken) ends at once, saying why, instead of lingering without a worker. */
    @Test
    void aWorkerThatCannotStartEndsSayingWhy() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WorkerJvm w = WorkerJvm.start(List.of(), "unlucky-worker", "taken-" + ProcessHandle.current().pid(),
                    List.of("--port", Integer.toString(taken.getLocalPort())));
            try {
                assertThatThrownBy(() -> w.ready().get(120, TimeUnit.SECONDS))
                        .isInstanceOf(java.util.concurrent.ExecutionException.class)
                        .hasMessageContaining("could not start worker unlucky-worker");
                assertThat(w.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(w.process().exitValue()).isEqualTo(1);
            } finally {
                w.stop();
            }
        }
    }
}
