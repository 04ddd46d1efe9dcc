package dev.blockwork.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Durations for people: {@code 300 ms} rather than {@code PT0.3S}. For messages (timeouts, progress, reprs).
 *
 * <p>Below a minute: the largest unit of ns, µs, ms, s in which the value is at least 1, with at most three
 * significant digits; from a minute on: whole units, at most two of them. Examples:
 * <table class="striped">
 * <caption>{@code human(d)} for some durations</caption>
 * <thead><tr><th scope="col">{@code d}</th><th scope="col">{@code human(d)}</th></tr></thead>
 * <tbody>
 * <tr><td>{@code Duration.ofMillis(300)}</td><td>{@code 300 ms}</td></tr>
 * <tr><td>{@code Duration.ofMillis(1500)}</td><td>{@code 1.5 s}</td></tr>
 * <tr><td>{@code Duration.ofMinutes(2)}</td><td>{@code 2 min}</td></tr>
 * <tr><td>{@code Duration.ofSeconds(125)}</td><td>{@code 2 min 5 s}</td></tr>
 * <tr><td>{@code Duration.ofMinutes(90)}</td><td>{@code 1 h 30 min}</td></tr>
 * <tr><td>{@code Duration.ofHours(50)}</td><td>{@code 2 d 2 h}</td></tr>
 * <tr><td>{@code Duration.ofNanos(1234)}</td><td>{@code 1.23 µs}</td></tr>
 * <tr><td>{@code Duration.ZERO}</td><td>{@code 0 s}</td></tr>
 * <tr><td>{@code Duration.ofMillis(-300)}</td><td>{@code -300 ms}</td></tr>
 * </tbody>
 * </table>
 * Thread-safe (no state).
 */
public final class Durations {
    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Durations() {}

    /**
     * {@code d} in the unit that reads best, as in the table above.
     *
     * @param d any duration, negative ones included
     * @return e.g. {@code "300 ms"}, {@code "1.5 s"}, {@code "2 min"}
     * @throws NullPointerException if {@code d} is null
     */
    public static String human(Duration d) {
        if (d.isZero()) return "0 s";
        if (d.isNegative()) {
            return d.equals(Duration.ofSeconds(Long.MIN_VALUE)) ? "-" + human(d.plusNanos(1).negated())
                    : "-" + human(d.negated());
        }
        if (d.getSeconds() < 60) return belowAMinute(d.getSeconds() * NANOS_PER_SECOND + d.getNano());
        long s = d.getSeconds();
        long days = s / 86_400, hours = s / 3_600 % 24, minutes = s / 60 % 60, seconds = s % 60;
        if (days > 0) return twoUnits(days, "d", hours, "h");
        if (hours > 0) return twoUnits(hours, "h", minutes, "min");
        return twoUnits(minutes, "min", seconds, "s");
    }

    private static final long[] PER_UNIT = {1, 1_000, 1_000_000, NANOS_PER_SECOND};
    private static final String[] UNIT = {"ns", "µs", "ms", "s"};

    /** Three significant digits in the largest unit where the value is at least 1 (rounding may move it up). */
    private static String belowAMinute(long nanos) {
        for (int u = UNIT.length - 1; u >= 0; u--) {
            if (nanos < PER_UNIT[u]) continue;
            BigDecimal v = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(PER_UNIT[u]), THREE_DIGITS);
            if (u < UNIT.length - 1 && v.compareTo(BigDecimal.valueOf(1_000)) >= 0) return "1 " + UNIT[u + 1];
            if (u == UNIT.length - 1 && v.compareTo(BigDecimal.valueOf(60)) >= 0) return "1 min";
            return v.stripTrailingZeros().toPlainString() + " " + UNIT[u];
        }
        throw new AssertionError(nanos);
    }

    private static String twoUnits(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + " " + bigUnit : big + " " + bigUnit + " " + small + " " + smallUnit;
    }
}
