package io.scheduledreports.core.schedule;

import java.util.Locale;

/** How often a {@link ScheduleSpec} runs; the JSON {@code cadence} value is the lower-case name. */
public enum Cadence {
    /** Every day at {@code time}. */
    DAILY,
    /** On one or more days of the week ({@code day_of_week}) at {@code time}. */
    WEEKLY,
    /** On a day of the month ({@code day_of_month}, 1-31 or "last") at {@code time}. */
    MONTHLY,
    /** Whenever a Unix cron expression ({@code cron_expression}) matches. */
    CRON,
    /** Once, at {@code run_at}. */
    ONCE;

    /** The JSON spelling, e.g. {@code "weekly"}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
