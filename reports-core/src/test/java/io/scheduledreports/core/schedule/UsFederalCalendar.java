package io.scheduledreports.core.schedule;

import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.calendar.HolidayRules;
import java.util.Map;

/** The US federal holidays (5 U.S.C. 6103) as rules, written for the tests. */
final class UsFederalCalendar {
    static final HolidayRules CALENDAR = HolidayRules.builder("us-federal")
            .rules(
                    "01-01 observed", // New Year's Day
                    "JAN MON#3", // Birthday of Martin Luther King, Jr.
                    "FEB MON#3", // Washington's Birthday
                    "MAY MON#-1", // Memorial Day
                    "06-19 observed", // Juneteenth
                    "07-04 observed", // Independence Day
                    "SEP MON#1", // Labor Day
                    "OCT MON#2", // Columbus Day
                    "11-11 observed", // Veterans Day
                    "NOV THU#4", // Thanksgiving Day
                    "12-25 observed") // Christmas Day
            .build();

    static final HolidayCalendars BY_NAME = HolidayCalendars.of(Map.of("us-federal", CALENDAR));

    private UsFederalCalendar() {}
}
