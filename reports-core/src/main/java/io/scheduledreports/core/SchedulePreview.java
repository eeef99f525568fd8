package io.scheduledreports.core;

import io.scheduledreports.spi.Column;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a schedule request would do, from {@link ScheduledReports#preview}: its next runs, its warnings and a sample
 * of the report. Nothing was stored or delivered to produce it.
 *
 * @param timeZone the schedule's time zone
 * @param nextRuns the next runs (at most {@value #MAX_RUNS}), in UTC and in the schedule's zone
 * @param warnings warnings about the schedule, and about the sample when it could not be produced
 * @param sample the first rows of the report with the parameters resolved for the first run, or null when the
 *     report type failed or took too long (then a {@code SAMPLE_FAILED} or {@code SAMPLE_TIMEOUT} warning says so)
 */
public record SchedulePreview(ZoneId timeZone, List<Run> nextRuns, List<ScheduleWarning> warnings, Sample sample) {

    /** Most runs in a preview. */
    public static final int MAX_RUNS = 10;

    /** Copies the lists. */
    public SchedulePreview {
        Objects.requireNonNull(timeZone, "timeZone");
        nextRuns = List.copyOf(nextRuns);
        warnings = List.copyOf(warnings);
    }

    /**
     * One run.
     *
     * @param utc the instant
     * @param local the same instant in the schedule's zone, with that day's offset
     */
    public record Run(Instant utc, OffsetDateTime local) {

        /** The run at {@code instant} in {@code zone}. */
        public static Run at(Instant instant, ZoneId zone) {
            return new Run(instant, instant.atZone(zone).toOffsetDateTime());
        }
    }

    /**
     * The first rows a report type produced.
     *
     * @param columns the columns it declared
     * @param rows at most {@value #MAX_ROWS} rows, one value per column: {@code null}, strings, numbers, booleans,
     *     and dates and times as ISO-8601 strings
     * @param truncated whether the report had more rows than these
     */
    public record Sample(List<Column> columns, List<List<Object>> rows, boolean truncated) {

        /** Most rows in a sample. */
        public static final int MAX_ROWS = 20;

        /** Copies the lists (rows may hold nulls). */
        public Sample {
            columns = List.copyOf(columns);
            rows = rows.stream()
                    .map(r -> Collections.unmodifiableList(new java.util.ArrayList<>(r)))
                    .toList();
        }
    }
}
