package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.SchedulePreview;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a schedule would do, answered by {@code POST /scheduled-reports/preview}.
 *
 * @param timeZone the schedule's IANA zone
 * @param nextRuns the next runs (at most ten), in UTC and in the schedule's zone
 * @param warnings warnings about the schedule and, when there is no sample, why
 * @param sample the report's first rows, or null when the report type failed or took too long
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PreviewView(String timeZone, List<RunView> nextRuns, List<WarningView> warnings, SampleView sample) {

    static PreviewView of(SchedulePreview p) {
        return new PreviewView(
                p.timeZone().getId(),
                p.nextRuns().stream()
                        .map(r -> new RunView(Json.instant(r.utc()), Json.local(r.local())))
                        .toList(),
                WarningView.of(p.warnings()),
                p.sample() == null
                        ? null
                        : new SampleView(
                                p.sample().columns().stream()
                                        .map(c -> new ColumnView(
                                                c.name(), c.type().name()))
                                        .toList(),
                                p.sample().rows(),
                                p.sample().truncated()));
    }

    /**
     * One run.
     *
     * @param utc ISO-8601 UTC
     * @param local ISO-8601 in the schedule's zone, with the offset
     */
    record RunView(String utc, String local) {}

    /**
     * The first rows.
     *
     * @param columns name and type of each column
     * @param rows at most 20 rows of JSON values
     * @param truncated whether the report has more rows
     */
    record SampleView(List<ColumnView> columns, List<List<Object>> rows, boolean truncated) {}

    /**
     * A column.
     *
     * @param name column name
     * @param type TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, DATE_TIME, ...
     */
    record ColumnView(String name, String type) {}
}
