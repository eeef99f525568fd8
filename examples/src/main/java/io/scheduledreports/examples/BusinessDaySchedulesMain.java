package io.scheduledreports.examples;

import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.calendar.HolidayRules;
import io.scheduledreports.core.schedule.ScheduleSpec;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every form of a schedule with its next runs, as the README's "Schedules" section shows them (its test checks that
 * the README shows exactly this): the plain forms, and the business-day forms with a US federal holiday calendar and
 * a Friday-Saturday weekend calendar, registered by name and named by the schedules.
 */
public final class BusinessDaySchedulesMain {
    /** Where the upcoming runs start: 2026-12-31 12:00 UTC (runs after January 1st 2027 follow). */
    public static final Instant FROM = Instant.parse("2026-12-31T12:00:00Z");

    private BusinessDaySchedulesMain() {}

    public static void main(String[] args) {
        run().forEach((json, runs) -> {
            System.out.println(json);
            runs.forEach(run -> System.out.println("    " + run));
        });
    }

    /** The calendars by name, as a host registers them. */
    public static HolidayCalendars calendars() {
        HolidayRules usFederal = HolidayRules.builder("us-federal")
                .rules(
                        "01-01 observed",
                        "JAN MON#3",
                        "FEB MON#3",
                        "MAY MON#-1",
                        "06-19 observed",
                        "07-04 observed",
                        "SEP MON#1",
                        "OCT MON#2",
                        "11-11 observed",
                        "NOV THU#4",
                        "12-25 observed")
                .build();
        HolidayRules gulf = HolidayRules.builder("gulf")
                .weekend(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY))
                .rules("2027-01-03")
                .build();
        return HolidayCalendars.of(Map.of("us-federal", usFederal, "gulf", gulf));
    }

    /** Each schedule's JSON and its next runs after {@link #FROM}, as local date-times with the day of week. */
    public static Map<String, List<String>> run() {
        List<String> schedules = List.of(
                """
                {"cadence": "daily", "time": "07:00", "timezone": "Europe/Berlin"}""",
                """
                {"cadence": "weekly", "day_of_week": [1, 4], "time": "09:00", "timezone": "America/New_York"}""",
                """
                {"cadence": "monthly", "day_of_month": 31, "time": "18:00", "timezone": "Europe/London"}""",
                """
                {"cadence": "monthly", "day_of_month": "last", "time": "18:00", "timezone": "Europe/London"}""",
                """
                {"cadence": "cron", "cron_expression": "0 8 * * 1-5", "timezone": "Asia/Tokyo"}""",
                """
                {"cadence": "cron", "cron_expression": "0 30 2 * 3 SUN", "timezone": "Europe/Berlin"}""",
                """
                {"cadence": "once", "run_at": "2027-03-01T09:00", "timezone": "Australia/Sydney"}""",
                """
                {"cadence": "daily", "business_days": true, "time": "07:00", "timezone": "America/New_York",
                 "holiday_calendar": "us-federal"}""",
                """
                {"cadence": "daily", "business_days": true, "time": "07:00", "timezone": "Asia/Dubai",
                 "holiday_calendar": "gulf"}""",
                """
                {"cadence": "monthly", "day_of_month": "first_business_day", "time": "09:00",
                 "timezone": "America/New_York", "holiday_calendar": "us-federal"}""",
                """
                {"cadence": "monthly", "day_of_month": "last_business_day", "time": "17:00",
                 "timezone": "America/New_York", "holiday_calendar": "us-federal"}""",
                """
                {"cadence": "monthly", "day_of_month": {"business_day": 3}, "time": "09:00",
                 "timezone": "America/New_York", "holiday_calendar": "us-federal"}""",
                """
                {"cadence": "monthly", "day_of_month": {"business_day": -2}, "time": "09:00",
                 "timezone": "America/New_York"}""",
                """
                {"cadence": "monthly", "day_of_month": {"weekday": "FRI", "ordinal": -1}, "time": "16:00",
                 "timezone": "America/New_York"}""",
                """
                {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York",
                 "holiday_calendar": "us-federal", "on_holiday": "NEXT_BUSINESS_DAY"}""",
                """
                {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York",
                 "holiday_calendar": "us-federal", "on_holiday": "PREVIOUS_BUSINESS_DAY"}""",
                """
                {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York",
                 "holiday_calendar": "us-federal", "on_holiday": "SKIP"}""",
                """
                {"cadence": "cron", "cron_expression": "0 9 15W * *", "timezone": "America/New_York"}""",
                """
                {"cadence": "cron", "cron_expression": "0 9 * * FRI#2", "timezone": "America/New_York"}""",
                """
                {"cadence": "cron", "cron_expression": "0 9 L-3 * *", "timezone": "America/New_York"}""",
                """
                {"cadence": "cron", "cron_expression": "0 18 LW * *", "timezone": "America/New_York"}""",
                """
                {"cadence": "cron", "cron_expression": "30 2 * * SUN#2", "timezone": "America/New_York"}""");
        HolidayCalendars calendars = calendars();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx", Locale.ROOT);
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String json : schedules) {
            ScheduleSpec spec = ScheduleSpec.fromJson(json, calendars);
            result.put(
                    json.replaceAll("\\s*\\n\\s*", " "),
                    spec.nextRuns(FROM, 4).stream()
                            .map(run -> run.atZone(spec.zone()).format(format))
                            .toList());
        }
        return result;
    }

    /** The local date-time of a run, for tests. */
    static LocalDateTime local(String formatted) {
        return LocalDateTime.parse(formatted.substring(4, 20).replace(' ', 'T'));
    }
}
