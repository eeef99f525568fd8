package io.scheduledreports.core.calendar;

import io.scheduledreports.spi.HolidayCalendar;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.DayOfWeek;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a stored holiday calendar is made of: its weekend days and either {@linkplain HolidayRules rules} (dates,
 * yearly dates, nth weekdays, Easter-relative days) or the text of an iCalendar file ({@link IcsCalendar}).
 * Exactly one of {@code rules} and {@code ics} is set; {@link #toCalendar(String)} checks every rule or line.
 *
 * @param weekend the days that are never business days (0-6 of them)
 * @param rules rule texts such as {@code "12-25 observed"}, or null for an iCalendar calendar
 * @param ics the iCalendar text with CRLF line ends, or null for a rule calendar
 */
public record CalendarDefinition(Set<DayOfWeek> weekend, List<String> rules, String ics) {
    /** The most rules a stored calendar may have. */
    public static final int MAX_RULES = 1_000;

    /** The longest iCalendar text a stored calendar may have, in characters. */
    public static final int MAX_ICS_LENGTH = 1_000_000;

    /**
     * Checks the shape and copies the collections; the rules themselves are read by {@link #toCalendar}.
     *
     * @throws ReportsValidationException naming {@code weekend}, {@code rules} or {@code ics}
     */
    public CalendarDefinition {
        if (weekend == null || weekend.stream().anyMatch(Objects::isNull) || weekend.size() > 6) {
            throw new ReportsValidationException(
                    "weekend", "must be 0-6 days so that every week has a business day, was " + weekend);
        }
        weekend = Collections.unmodifiableSet(
                weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekend));
        if ((rules == null) == (ics == null)) {
            throw new ReportsValidationException(
                    rules == null ? "rules" : "ics", "give either rules or the text of an .ics file, not both");
        }
        if (rules != null) {
            if (rules.size() > MAX_RULES) {
                throw new ReportsValidationException(
                        "rules", "must be at most " + MAX_RULES + " rules, was " + rules.size());
            }
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i) == null || rules.get(i).isBlank()) {
                    throw new ReportsValidationException("rules[" + i + "]", "must not be blank");
                }
            }
            rules = List.copyOf(rules.stream().map(String::strip).toList());
        } else {
            if (ics.length() > MAX_ICS_LENGTH) {
                throw new ReportsValidationException(
                        "ics", "must be at most " + MAX_ICS_LENGTH + " characters, was " + ics.length());
            }
            // normalised: CRLF line ends as RFC 5545 writes them, whatever the upload used
            ics = String.join(
                            "\r\n",
                            ics.replace("\r\n", "\n")
                                    .replace('\r', '\n')
                                    .lines()
                                    .toList()) + "\r\n";
        }
    }

    /**
     * A calendar of rules.
     *
     * @param weekend the weekend days
     * @param rules rule texts in the form of {@link HolidayRules.Builder#rule(String)}
     */
    public static CalendarDefinition rules(Set<DayOfWeek> weekend, List<String> rules) {
        return new CalendarDefinition(weekend, Objects.requireNonNull(rules, "rules"), null);
    }

    /**
     * A calendar read from the text of an iCalendar ({@code .ics}) file.
     *
     * @param weekend the weekend days (an .ics file has none)
     * @param ics the file's text
     */
    public static CalendarDefinition ics(Set<DayOfWeek> weekend, String ics) {
        return new CalendarDefinition(weekend, null, Objects.requireNonNull(ics, "ics"));
    }

    /** Whether this is the text of an iCalendar file rather than rules. */
    public boolean isIcs() {
        return ics != null;
    }

    /**
     * The calendar this definition describes.
     *
     * @param name the calendar's name
     * @throws ReportsValidationException naming {@code rules[i]} or {@code ics} with the rule or line that cannot
     *     be read
     */
    public HolidayCalendar toCalendar(String name) {
        if (ics != null) {
            try {
                return IcsCalendar.parse(name, ics, weekend);
            } catch (IllegalArgumentException e) {
                throw new ReportsValidationException("ics", e.getMessage(), e);
            }
        }
        HolidayRules.Builder builder = HolidayRules.builder(name).weekend(weekend);
        for (int i = 0; i < rules.size(); i++) {
            try {
                builder.rule(rules.get(i));
            } catch (IllegalArgumentException e) {
                String message = e.getMessage().startsWith("holidays: ")
                        ? e.getMessage().substring("holidays: ".length())
                        : e.getMessage();
                throw new ReportsValidationException("rules[" + i + "]", message, e);
            }
        }
        return builder.build();
    }
}
