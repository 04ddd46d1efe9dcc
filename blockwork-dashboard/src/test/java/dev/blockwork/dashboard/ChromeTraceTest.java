package dev.blockwork.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.dashboard.testing.MiniJson;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.ComputeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.blockwork.process.schedule.ProcessesScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chrome trace export, parsed back: one complete ("X") slice per task, on named worker tracks. */
class ChromeTraceTest {
    static long inc(long x) { return x + 1; }

    static long sum(List<Long> xs) {
        long s = 0;
        for (long x : xs) s += x;
        return s;
    }

    @Test
    void everyTaskIsASliceOnItsWorkersTrack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("trace.json");
        try (ChromeTrace t = ChromeTrace.to(file)) {
            List<Delayed<Long>> incs = new ArrayList<>();
            for (int i = 0; i < 50; i++) incs.add(Delayed.of(ChromeTraceTest::inc, (long) i));
            assertThat(Delayed.all(incs).then(ChromeTraceTest::sum).named("total")
                    .compute(ComputeOptions.defaults().withScheduler("threads").withProgress(false))).isEqualTo(50L * 51 / 2);
        }
        Map<String, Object> trace = MiniJson.object(Files.readString(file));
        List<?> events = (List<?>) trace.get("traceEvents");
        Map<String, Integer> slices = new HashMap<>();
        Map<Double, String> threadNames = new HashMap<>();
        Set<Double> tidsUsed = new HashSet<>();
        for (Object o : events) {
            Map<?, ?> e = (Map<?, ?>) o;
            if ("X".equals(e.get("ph"))) {
                slices.merge((String) e.get("name"), 1, Integer::sum);
                assertThat((Double) e.get("dur")).isGreaterThanOrEqualTo(0.0);
                assertThat((Double) e.get("ts")).isGreaterThanOrEqualTo(0.0);
                assertThat((String) ((Map<?, ?>) e.get("args")).get("key")).isNotBlank();
                tidsUsed.add((Double) e.get("tid"));
            } else if ("thread_name".equals(e.get("name"))) {
                threadNames.put((Double) e.get("tid"), (String) ((Map<?, ?>) e.get("args")).get("name"));
            }
        }
        assertThat(slices).containsEntry("inc", 50).containsEntry("total", 1).hasSize(2);
        assertThat(threadNames.keySet()).containsAll(tidsUsed);
        assertThat(threadNames.values()).allMatch(n -> n.startsWith("blockwork-threads"));
        assertThat(((Map<?, ?>) trace.get("otherData")).get("slicesLeftOut")).isEqualTo(0.0);
    }

    @Test
    void tasksOnWorkerProcessesAreOnTheirProcessesTracks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("processes.json");
        try (ProcessesScheduler processes = new ProcessesScheduler(2); ChromeTrace t = ChromeTrace.to(file)) {
            List<Delayed<Long>> incs = new ArrayList<>();
            for (int i = 0; i < 20; i++) incs.add(Delayed.of(ChromeTraceTest::inc, (long) i));
            assertThat(Delayed.all(incs).then(ChromeTraceTest::sum).named("total")
                    .compute(ComputeOptions.defaults().withScheduler(processes).withProgress(false))).isEqualTo(20L * 21 / 2);
        }
        Map<String, Object> trace = MiniJson.object(Files.readString(file));
        long self = ProcessHandle.current().pid();
        Set<Double> workerPids = new HashSet<>();
        int slices = 0;
        for (Object o : (List<?>) trace.get("traceEvents")) {
            Map<?, ?> e = (Map<?, ?>) o;
            if ("process_name".equals(e.get("name")) && ((String) ((Map<?, ?>) e.get("args")).get("name")).contains("(pid ")) {
                workerPids.add((Double) e.get("pid"));
            }
            if ("X".equals(e.get("ph")) && "inc".equals(e.get("name"))) {
                slices++;
                assertThat((Double) e.get("pid")).isNotEqualTo((double) self); // ran in a worker JVM
            }
        }
        assertThat(slices).isEqualTo(20);
        assertThat(workerPids).isNotEmpty().doesNotContain((double) self);
    }
}
