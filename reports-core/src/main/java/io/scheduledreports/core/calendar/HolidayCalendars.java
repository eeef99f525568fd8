package io.scheduledreports.core.calendar;

import io.scheduledreports.spi.HolidayCalendar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Holiday calendars by name, as a schedule's {@code holiday_calendar} refers to them. A tenant's view is built by
 * {@link TenantCalendars#forTenant(String)}; tests and single-tenant hosts use {@link #of(Map)}.
 */
@FunctionalInterface
public interface HolidayCalendars {
    /** What a calendar name must look like: letters, digits, '.', '_' or '-', 1-64 characters. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * The calendar called {@code name}.
     *
     * @param name the name a schedule uses
     * @return the calendar, or empty if there is none by that name
     */
    Optional<HolidayCalendar> find(String name);

    /** No calendars: a schedule that names one is rejected. */
    static HolidayCalendars none() {
        return name -> Optional.empty();
    }

    /**
     * The calendars of {@code byName}, copied.
     *
     * @throws IllegalArgumentException if a name breaks {@link #NAME} or a calendar is null
     */
    static HolidayCalendars of(Map<String, ? extends HolidayCalendar> byName) {
        Map<String, HolidayCalendar> copy = new LinkedHashMap<>();
        byName.forEach((name, calendar) -> copy.put(checkName(name), checkCalendar(name, calendar)));
        return name -> Optional.ofNullable(copy.get(name));
    }

    /**
     * {@code name} if it is a valid calendar name.
     *
     * @throws IllegalArgumentException naming {@code holiday_calendar} otherwise
     */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("holiday_calendar: must be 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, was " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    private static HolidayCalendar checkCalendar(String name, HolidayCalendar calendar) {
        if (calendar == null) {
            throw new IllegalArgumentException("holiday_calendar: calendar '" + name + "' must not be null");
        }
        return calendar;
    }
}
