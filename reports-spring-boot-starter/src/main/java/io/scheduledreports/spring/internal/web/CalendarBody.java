package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.scheduledreports.core.calendar.CalendarDefinition;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A holiday calendar as a client stores it with {@code PUT /holiday-calendars/{name}}.
 *
 * @param weekend weekend days ({@code ["SATURDAY", "SUNDAY"]} when absent), none for {@code []}
 * @param rules rules such as {@code "12-25 observed"}, {@code "NOV THU#4"}, {@code "easter-2"}, {@code "2027-11-26"}
 * @param ics the text of an iCalendar file, instead of rules
 * @param version the version read before (0: must not exist yet); absent replaces whatever is stored
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CalendarBody(
        List<String> weekend,
        List<String> rules,
        String ics,
        Long version,
        @JsonAnySetter Map<String, Object> unknown) {

    /** The JSON fields of this body. */
    static final Set<String> FIELDS = Set.of("weekend", "rules", "ics", "version");

    CalendarDefinition toDefinition() {
        UnknownFields.refuse(unknown, FIELDS, "");
        Set<DayOfWeek> days = weekend(weekend);
        if (rules == null && ics == null) {
            throw new ReportsValidationException(
                    "rules",
                    "is required: list the holidays, e.g. {\"rules\": [\"01-01 observed\", \"NOV THU#4\"]},"
                            + " or give \"ics\" (or PUT the .ics file as text/calendar)");
        }
        return new CalendarDefinition(days, rules, ics);
    }

    /** Day names, case-insensitive; null means Saturday and Sunday. */
    static Set<DayOfWeek> weekend(List<String> names) {
        if (names == null) {
            return EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip().toUpperCase(Locale.ROOT);
            try {
                days.add(DayOfWeek.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new ReportsValidationException(
                        "weekend[" + i + "]", "must be a day name such as SATURDAY, was '" + names.get(i) + "'");
            }
        }
        return days;
    }
}
