package io.scheduledreports.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Prints durations the way users type them in configuration: {@code 50ms}, {@code 30s}, {@code 1h},
 * {@code 1h30m}, {@code 90d} (the units Spring Boot's simple duration style reads back). Every message of the
 * library that shows a duration uses this form instead of ISO-8601 ({@code PT0.05S}).
 */
public final class Durations {
    private Durations() {}

    /**
     * Formats a duration as days, hours, minutes, seconds and milliseconds, largest unit first, leaving out
     * zero parts: {@code 0s}, {@code 50ms}, {@code 1m30s}, {@code 2d}. A negative duration gets a leading
     * {@code -}; a part below one millisecond is printed in nanoseconds ({@code 1500ns}).
     *
     * @param duration the duration, not null
     * @return the duration as text, never empty
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        StringBuilder out = new StringBuilder();
        append(out, duration.toDaysPart(), "d");
        append(out, duration.toHoursPart(), "h");
        append(out, duration.toMinutesPart(), "m");
        append(out, duration.toSecondsPart(), "s");
        int nanos = duration.toNanosPart();
        if (nanos % 1_000_000 == 0) {
            append(out, nanos / 1_000_000, "ms");
        } else {
            append(out, nanos, "ns");
        }
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
