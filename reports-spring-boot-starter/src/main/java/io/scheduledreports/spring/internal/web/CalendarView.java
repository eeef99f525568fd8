package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scheduledreports.core.calendar.StoredHolidayCalendar;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A stored holiday calendar as the API returns it.
 *
 * @param name the name schedules use in {@code holiday_calendar}
 * @param source {@code rules} or {@code ics}
 * @param weekend weekend day names
 * @param rules the rules (source {@code rules})
 * @param ics the iCalendar text with CRLF line ends (source {@code ics})
 * @param version 1 when created, one more on every change; send it back to replace
 * @param createdBy creator
 * @param updatedBy last changer
 * @param createdAt creation time
 * @param updatedAt last change
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record CalendarView(
        String name,
        String source,
        List<String> weekend,
        List<String> rules,
        String ics,
        long version,
        String createdBy,
        String updatedBy,
        String createdAt,
        String updatedAt) {

    static CalendarView of(StoredHolidayCalendar c) {
        return new CalendarView(
                c.name(),
                c.definition().isIcs() ? "ics" : "rules",
                c.definition().weekend().stream().map(Enum::name).toList(),
                c.definition().rules(),
                c.definition().ics(),
                c.version(),
                c.createdBy(),
                c.updatedBy(),
                Json.instant(c.createdAt()),
                Json.instant(c.updatedAt()));
    }
}
