package io.scheduledreports.spi;

import java.math.BigInteger;
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
        // in nanoseconds as a BigInteger: Duration.negated() overflows for the most negative duration
        BigInteger rest = BigInteger.valueOf(duration.getSeconds())
                .multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(duration.getNano()));
        StringBuilder out = new StringBuilder(rest.signum() < 0 ? "-" : "");
        rest = rest.abs();
        for (int i = 0; i < UNITS.length; i++) {
            BigInteger[] split = rest.divideAndRemainder(UNIT_NANOS[i]);
            append(out, split[0], UNITS[i]);
            rest = split[1];
        }
        BigInteger[] millis = rest.divideAndRemainder(BigInteger.valueOf(1_000_000L));
        if (millis[1].signum() == 0) {
            append(out, millis[0], "ms");
        } else {
            append(out, rest, "ns");
        }
        return out.toString();
    }

    private static final String[] UNITS = {"d", "h", "m", "s"};
    private static final BigInteger[] UNIT_NANOS = {
        BigInteger.valueOf(86_400_000_000_000L),
        BigInteger.valueOf(3_600_000_000_000L),
        BigInteger.valueOf(60_000_000_000L),
        BigInteger.valueOf(1_000_000_000L)
    };

    private static void append(StringBuilder out, BigInteger amount, String unit) {
        if (amount.signum() != 0) {
            out.append(amount).append(unit);
        }
    }
}
