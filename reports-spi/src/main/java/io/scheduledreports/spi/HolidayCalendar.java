package io.scheduledreports.spi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which dates are holidays, and which days of the week are the weekend, for business-day schedules.
 *
 * <p>A business day is a date that is neither on a {@link #weekend() weekend day} nor a {@link #isHoliday
 * holiday}. Schedules refer to a calendar by name ({@code "holiday_calendar": "us-federal"}); the host registers
 * its calendars by name on the {@code ScheduledReports} builder. Implementations must be thread-safe and fast
 * (a schedule asks about each date at most once per calendar instance and caches the answers by year), and must
 * always give the same answer for the same date: build a new instance when the holidays change.
 */
public interface HolidayCalendar {

    /**
     * Whether {@code date} is a holiday. A holiday that falls on a weekend day is allowed and changes nothing.
     *
     * @param date a date in the schedule's own time zone
     * @return true if no business-day report runs on that date
     */
    boolean isHoliday(LocalDate date);

    /**
     * The days of the week that are never business days; Saturday and Sunday unless overridden. At most six
     * days, so that every week has a business day.
     *
     * @return an unmodifiable set of one to six days, or an empty set for a calendar without weekend
     */
    default Set<DayOfWeek> weekend() {
        return SATURDAY_SUNDAY;
    }

    /**
     * Whether {@code date} is a business day: not a weekend day and not a holiday.
     *
     * @param date a date in the schedule's own time zone
     * @return true if business-day reports run on that date
     */
    default boolean isBusinessDay(LocalDate date) {
        return !weekend().contains(date.getDayOfWeek()) && !isHoliday(date);
    }

    /** Saturday and Sunday, the default {@link #weekend()}. */
    Set<DayOfWeek> SATURDAY_SUNDAY = Collections.unmodifiableSet(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));

    /**
     * A calendar without holidays whose weekend is Saturday and Sunday: business days are Monday to Friday.
     *
     * @return the shared instance
     */
    static HolidayCalendar weekdays() {
        return WeekdaysOnly.INSTANCE;
    }
}

/** Monday to Friday, no holidays. */
enum WeekdaysOnly implements HolidayCalendar {
    INSTANCE;

    @Override
    public boolean isHoliday(LocalDate date) {
        return false;
    }

    @Override
    public String toString() {
        return "HolidayCalendar.weekdays()";
    }
}
