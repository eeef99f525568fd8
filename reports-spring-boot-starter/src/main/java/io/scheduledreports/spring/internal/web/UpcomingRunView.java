package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scheduledreports.core.UpcomingRun;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One upcoming run with the holiday it was moved from; {@code moved_from} and {@code reason} only when moved.
 *
 * @param at when it runs (ISO-8601 UTC)
 * @param movedFrom the holiday (ISO date) the run would have been on
 * @param reason e.g. {@code "2027-12-24 is a holiday in calendar us-federal"}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record UpcomingRunView(String at, String movedFrom, String reason) {

    static UpcomingRunView of(UpcomingRun run) {
        return new UpcomingRunView(
                Json.instant(run.at()),
                run.movedFrom() == null ? null : run.movedFrom().toString(),
                run.reason());
    }
}
