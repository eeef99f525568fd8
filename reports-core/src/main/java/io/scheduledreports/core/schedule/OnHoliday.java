package io.scheduledreports.core.schedule;

/**
 * What a schedule with a {@code holiday_calendar} does with a run that falls on a holiday; the JSON
 * {@code on_holiday} value is the name. The run keeps its time of day; a moved run that meets a run of the day it
 * moves to is one run, so a schedule with one time of day never runs twice on a date.
 */
public enum OnHoliday {
    /** Run on the next business day (the default). */
    NEXT_BUSINESS_DAY,
    /** Run on the last business day before the holiday. */
    PREVIOUS_BUSINESS_DAY,
    /** Do not run. */
    SKIP
}
