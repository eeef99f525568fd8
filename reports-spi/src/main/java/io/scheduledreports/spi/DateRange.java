package io.scheduledreports.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A window of whole local days, {@code [start, endExclusive)}, in a time zone. Relative parameter values such
 * as {@code "last_7_days"} arrive at the {@link ReportType} as a {@code DateRange} resolved against the
 * execution's scheduled time in the schedule's zone.
 *
 * @param start first day included
 * @param endExclusive first day not included
 * @param zone zone in which days begin and end
 */
public record DateRange(LocalDate start, LocalDate endExclusive, ZoneId zone) {

    /** Validates the range. */
    public DateRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endExclusive, "endExclusive");
        Objects.requireNonNull(zone, "zone");
        if (endExclusive.isBefore(start)) {
            throw new IllegalArgumentException("date range: end " + endExclusive + " is before start " + start);
        }
    }

    /** The first instant of the window (start of day, the zone's rules applied). */
    public Instant startInstant() {
        return start.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the window. */
    public Instant endInstant() {
        return endExclusive.atStartOfDay(zone).toInstant();
    }

    /** The last day included. */
    public LocalDate endInclusive() {
        return endExclusive.minusDays(1);
    }

    /** Whether {@code day} is inside the window. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(endExclusive);
    }

    /** {@code 2026-02-09..2026-02-15}, inclusive bounds, as people read ranges. */
    @Override
    public String toString() {
        return start + ".." + endInclusive();
    }
}
