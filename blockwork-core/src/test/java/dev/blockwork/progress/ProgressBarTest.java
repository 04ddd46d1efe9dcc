package dev.blockwork.progress;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.ComputeOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void drawsForALongComputeAndEndsWithDone() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), false, 0);
        Delayed<Integer> slow = Delayed.of(() -> { Thread.sleep(1_300); return 1; });
        assertThat(slow.compute(ComputeOptions.defaults().withProgress(false).withListener(bar))).isEqualTo(1);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("[").contains("tasks").contains("| done");
        assertThat(out).doesNotContain("\r"); // not a terminal: plain lines
    }

    @Test
    void staysSilentForQuickComputes() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), true, 1_000_000_000L);
        Delayed.of(() -> 1).compute(ComputeOptions.defaults().withProgress(false).withListener(bar));
        assertThat(buf.size()).isZero();
    }

    @Test
    void defaultFollowsTheSettingAndIsOffWhenNotATerminal() {
        assertThat(ProgressBar.enabled(null)).isFalse(); // tests run without a terminal
        assertThat(ProgressBar.enabled(true)).isTrue();
        System.setProperty("blockwork.progress", "on");
        try {
            assertThat(ProgressBar.enabled(null)).isTrue();
        } finally {
            System.clearProperty("blockwork.progress");
        }
    }
}
