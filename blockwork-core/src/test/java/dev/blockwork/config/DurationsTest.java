package dev.blockwork.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {
    @Test
    void theExamplesOfTheJavadoc() {
        assertThat(Durations.human(Duration.ofMillis(300))).isEqualTo("300 ms");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Durations.human(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(Durations.human(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(Durations.human(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(Durations.human(Duration.ofHours(50))).isEqualTo("2 d 2 h");
        assertThat(Durations.human(Duration.ofNanos(1234))).isEqualTo("1.23 µs");
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0 s");
        assertThat(Durations.human(Duration.ofMillis(-300))).isEqualTo("-300 ms");
    }

    @Test
    void unitBoundariesAndRounding() {
        assertThat(Durations.human(Duration.ofNanos(1))).isEqualTo("1 ns");
        assertThat(Durations.human(Duration.ofNanos(999))).isEqualTo("999 ns");
        assertThat(Durations.human(Duration.ofNanos(1_000))).isEqualTo("1 µs");
        assertThat(Durations.human(Duration.ofNanos(999_999))).isEqualTo("1 ms");      // rounded up to the next unit
        assertThat(Durations.human(Duration.ofMillis(1))).isEqualTo("1 ms");
        assertThat(Durations.human(Duration.ofNanos(1_234_567))).isEqualTo("1.23 ms");
        assertThat(Durations.human(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(Durations.human(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
        assertThat(Durations.human(Duration.ofMillis(59_900))).isEqualTo("59.9 s");
        assertThat(Durations.human(Duration.ofMillis(59_999))).isEqualTo("1 min");
        assertThat(Durations.human(Duration.ofNanos(999_999_999))).isEqualTo("1 s");
        assertThat(Durations.human(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(Durations.human(Duration.ofSeconds(3_600))).isEqualTo("1 h");
        assertThat(Durations.human(Duration.ofSeconds(3_601))).isEqualTo("1 h");       // two units at most
        assertThat(Durations.human(Duration.ofDays(1))).isEqualTo("1 d");
        assertThat(Durations.human(Duration.ofSeconds(90, 999_999_999))).isEqualTo("1 min 30 s");
    }

    @Test
    void extremesDoNotOverflow() {
        assertThat(Durations.human(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).endsWith(" h").startsWith("106751991167300 d");
        assertThat(Durations.human(Duration.ofSeconds(Long.MIN_VALUE))).startsWith("-106751991167300 d");
        assertThatThrownBy(() -> Durations.human(null)).isInstanceOf(NullPointerException.class);
    }
}
