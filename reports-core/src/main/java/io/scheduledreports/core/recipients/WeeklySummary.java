package io.scheduledreports.core.recipients;

import io.scheduledreports.spi.ReportsValidationException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When schedule owners get their weekly summary: one message per owner per week with their schedules, the past
 * week's runs, failures by category, skipped runs, unsubscribes and bounces, and next week's runs. Sent through
 * the failure-notification channel to the address its owner resolver gives (owners without one get none). Off
 * unless configured; each owner may opt out.
 *
 * @param day the day of the week it goes out
 * @param time the local time it goes out
 * @param zone the zone of {@code day} and {@code time}; the summarised week ends at that moment
 */
public record WeeklySummary(DayOfWeek day, LocalTime time, ZoneId zone) {

    /** Default day: Monday. */
    public static final DayOfWeek DEFAULT_DAY = DayOfWeek.MONDAY;

    /** Default time: 08:00. */
    public static final LocalTime DEFAULT_TIME = LocalTime.of(8, 0);

    /** Default zone: UTC. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    /**
     * Checks the values.
     *
     * @throws ReportsValidationException naming {@code weekly-summary.day}, {@code .time} or {@code .zone}
     */
    public WeeklySummary {
        if (day == null) {
            throw new ReportsValidationException("weekly-summary.day", "must be a day of the week, e.g. MONDAY");
        }
        if (time == null) {
            throw new ReportsValidationException("weekly-summary.time", "must be a local time, e.g. 08:00");
        }
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new ReportsValidationException("weekly-summary.time", "must be whole minutes (HH:mm), was " + time);
        }
        if (zone == null) {
            throw new ReportsValidationException("weekly-summary.zone", "must be an IANA zone, e.g. Europe/Berlin");
        }
    }

    /** Mondays at 08:00 UTC. */
    public static WeeklySummary ofDefaults() {
        return new WeeklySummary(DEFAULT_DAY, DEFAULT_TIME, DEFAULT_ZONE);
    }

    /** The db-scheduler cron pattern (seconds first) of this moment. */
    public String cronPattern() {
        return "0 " + time.getMinute() + " " + time.getHour() + " * * "
                + day.name().substring(0, 3);
    }
}
