package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.core.DeadLetterQuery;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The dead letters a bulk "retry all" or "delete all" applies to; absent fields do not filter.
 *
 * @param scheduleId only this schedule's
 * @param category only this error category
 * @param status only this status (delete-all; retry-all replays unresolved ones only)
 * @param from created at or after (ISO-8601 instant or a date, UTC)
 * @param to created before (a date means the end of that day)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DeadLetterFilterBody(
        String scheduleId,
        String category,
        String status,
        String from,
        String to,
        @JsonAnySetter Map<String, Object> unknown) {

    /** The JSON fields of this body. */
    static final Set<String> FIELDS = Set.of("schedule_id", "category", "status", "from", "to");

    /** The filter; refuses unknown fields and values, naming the field. */
    DeadLetterQuery query() {
        UnknownFields.refuse(unknown, FIELDS, "");
        Instant since = DeadLettersController.instant("from", from, false);
        Instant until = DeadLettersController.instant("to", to, true);
        if (since != null && until != null && !until.isAfter(since)) {
            throw new ReportsValidationException("to", "must be after from (" + since + "), was " + until);
        }
        return new DeadLetterQuery(
                scheduleId == null || scheduleId.isBlank() ? null : scheduleId.strip(),
                ScheduleBody.parse("category", category, ErrorCategory.class),
                ScheduleBody.parse("status", status, DeadLetter.Status.class),
                since,
                until,
                null);
    }

    /** An ISO-8601 duration such as {@code PT2H}, naming the field when it is not one. */
    static Duration duration(String field, String value) {
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ReportsValidationException(
                    field, "must be an ISO-8601 duration such as PT45M or PT2H, was '" + value + "'", e);
        }
    }
}
