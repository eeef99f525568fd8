package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import java.util.List;

/**
 * A holiday calendar cannot be deleted: schedules that are not deleted still name it, and no host-configured
 * calendar of that name would take its place. Change or delete those schedules first.
 */
public class CalendarInUseException extends ReportsException {
    private static final long serialVersionUID = 1L;

    /** How many schedule ids the exception carries at most. */
    public static final int MAX_IDS = 20;

    private final String calendar;
    private final List<String> scheduleIds;
    private final int scheduleCount;

    /**
     * Creates the exception.
     *
     * @param calendar the calendar's name
     * @param scheduleIds ids of schedules that name it (the first {@value #MAX_IDS} are kept)
     * @param scheduleCount how many schedules name it in all
     */
    public CalendarInUseException(String calendar, List<String> scheduleIds, int scheduleCount) {
        super(
                ErrorCategory.DATA,
                "holiday_calendar: '" + calendar + "' is used by " + scheduleCount + " schedule"
                        + (scheduleCount == 1 ? "" : "s") + " "
                        + scheduleIds.stream().limit(MAX_IDS).toList()
                        + (scheduleCount > MAX_IDS ? " and more" : "")
                        + "; change or delete them first");
        this.calendar = calendar;
        this.scheduleIds = List.copyOf(scheduleIds.stream().limit(MAX_IDS).toList());
        this.scheduleCount = scheduleCount;
    }

    /** The calendar's name. */
    public String calendar() {
        return calendar;
    }

    /** Ids of schedules that name the calendar, at most {@value #MAX_IDS}. */
    public List<String> scheduleIds() {
        return scheduleIds;
    }

    /** How many schedules name the calendar. */
    public int scheduleCount() {
        return scheduleCount;
    }
}
