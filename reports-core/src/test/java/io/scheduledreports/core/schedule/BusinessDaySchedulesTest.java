package io.scheduledreports.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.calendar.HolidayRules;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDaySchedulesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ScheduleSpec read(String json) {
        return ScheduleSpec.fromJson(json, UsFederalCalendar.BY_NAME);
    }

    private static List<LocalDateTime> local(List<Instant> runs, ZoneId zone) {
        return runs.stream().map(i -> LocalDateTime.ofInstant(i, zone)).toList();
    }

    private static List<LocalDateTime> at(String time, String... dates) {
        return java.util.Arrays.stream(dates)
                .map(d -> LocalDateTime.parse(d + "T" + time))
                .toList();
    }

    @Test
    void firstBusinessDayOfEachMonthOf2027WithTheUsFederalCalendar() {
        ScheduleSpec spec = read("""
                {"cadence": "monthly", "day_of_month": "first_business_day", "time": "09:00",
                 "timezone": "America/New_York", "holiday_calendar": "us-federal"}""");

        // January 1 is a Friday holiday; May 1 and August 1 fall on weekends.
        assertThat(local(spec.nextRuns(Instant.parse("2026-12-31T12:00:00Z"), 12), NEW_YORK))
                .containsExactlyElementsOf(at(
                        "09:00",
                        "2027-01-04",
                        "2027-02-01",
                        "2027-03-01",
                        "2027-04-01",
                        "2027-05-03",
                        "2027-06-01",
                        "2027-07-01",
                        "2027-08-02",
                        "2027-09-01",
                        "2027-10-01",
                        "2027-11-01",
                        "2027-12-01"));
    }

    @Test
    void lastBusinessDayOf2027EndsBeforeTheObservedNewYearOf2028() {
        ScheduleSpec spec = read("""
                {"cadence": "monthly", "day_of_month": "last_business_day", "time": "17:00",
                 "timezone": "America/New_York", "holiday_calendar": "us-federal"}""");

        // 2028-01-01 is a Saturday, observed on Friday 2027-12-31.
        assertThat(local(spec.nextRuns(Instant.parse("2027-10-01T00:00:00Z"), 3), NEW_YORK))
                .containsExactlyElementsOf(at("17:00", "2027-10-29", "2027-11-30", "2027-12-30"));
    }

    @Test
    void businessDaysSkipWeekendsAndHolidays() {
        ScheduleSpec spec = read("""
                {"cadence": "daily", "business_days": true, "time": "07:00", "timezone": "America/New_York",
                 "holiday_calendar": "us-federal"}""");

        // Thanksgiving week 2027: Thursday 25th is a holiday.
        assertThat(local(spec.nextRuns(Instant.parse("2027-11-22T00:00:00Z"), 5), NEW_YORK))
                .containsExactlyElementsOf(
                        at("07:00", "2027-11-22", "2027-11-23", "2027-11-24", "2027-11-26", "2027-11-29"));
    }

    @Test
    void businessDaysWithoutCalendarAreMondayToFriday() {
        ScheduleSpec spec = ScheduleSpec.fromJson("""
                {"cadence": "daily", "business_days": true, "time": "07:00", "timezone": "Europe/Berlin"}""");

        assertThat(local(spec.nextRuns(Instant.parse("2026-12-24T12:00:00Z"), 4), BERLIN))
                .containsExactlyElementsOf(at("07:00", "2026-12-25", "2026-12-28", "2026-12-29", "2026-12-30"));
    }

    @Test
    void theWeekendComesFromTheCalendar() {
        HolidayRules fridaySaturday = HolidayRules.builder("gulf")
                .weekend(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY))
                .build();
        ScheduleSpec spec = ScheduleSpec.fromJson("""
                {"cadence": "daily", "business_days": true, "time": "08:00", "timezone": "Asia/Riyadh",
                 "holiday_calendar": "gulf"}""", HolidayCalendars.of(Map.of("gulf", fridaySaturday)));

        assertThat(local(spec.nextRuns(Instant.parse("2027-03-03T12:00:00Z"), 4), ZoneId.of("Asia/Riyadh")))
                .containsExactlyElementsOf(at("08:00", "2027-03-04", "2027-03-07", "2027-03-08", "2027-03-09"));
    }

    @Test
    void nthBusinessDayCountsFromTheStartOrTheEnd() {
        ScheduleSpec third = read("""
                {"cadence": "monthly", "day_of_month": {"business_day": 3}, "time": "09:00",
                 "timezone": "America/New_York", "holiday_calendar": "us-federal"}""");
        ScheduleSpec secondToLast = read("""
                {"cadence": "monthly", "day_of_month": {"business_day": -2}, "time": "09:00",
                 "timezone": "America/New_York", "holiday_calendar": "us-federal"}""");

        // January 2027: 1st holiday, business days 4, 5, 6 ...; ends ... 27, 28, 29 (Fri).
        assertThat(local(third.nextRuns(Instant.parse("2026-12-31T00:00:00Z"), 2), NEW_YORK))
                .containsExactlyElementsOf(at("09:00", "2027-01-06", "2027-02-03"));
        // December 2027: 31st is the observed New Year, so the last business days are 29 and 30.
        assertThat(local(secondToLast.nextRuns(Instant.parse("2027-12-01T00:00:00Z"), 1), NEW_YORK))
                .containsExactlyElementsOf(at("09:00", "2027-12-29"));
    }

    @Test
    void nthWeekdayOfTheMonthAndTheLastOne() {
        ScheduleSpec lastFriday = ScheduleSpec.fromJson("""
                {"cadence": "monthly", "day_of_month": {"weekday": "FRI", "ordinal": -1}, "time": "16:00",
                 "timezone": "Europe/Berlin"}""");
        ScheduleSpec fifthMonday = ScheduleSpec.fromJson("""
                {"cadence": "monthly", "day_of_month": {"weekday": "MON", "ordinal": 5}, "time": "16:00",
                 "timezone": "Europe/Berlin"}""");

        assertThat(local(lastFriday.nextRuns(Instant.parse("2027-01-01T00:00:00Z"), 3), BERLIN))
                .containsExactlyElementsOf(at("16:00", "2027-01-29", "2027-02-26", "2027-03-26"));
        // Months without a fifth Monday have no run.
        assertThat(local(fifthMonday.nextRuns(Instant.parse("2027-01-01T00:00:00Z"), 3), BERLIN))
                .containsExactlyElementsOf(at("16:00", "2027-03-29", "2027-05-31", "2027-08-30"));
    }

    @ParameterizedTest
    @CsvSource({
        // Monday 2027-01-18 (MLK day) is a holiday for a weekly Monday schedule.
        "NEXT_BUSINESS_DAY,     2027-01-11, 2027-01-19, 2027-01-25",
        "PREVIOUS_BUSINESS_DAY, 2027-01-11, 2027-01-15, 2027-01-25",
        "SKIP,                  2027-01-11, 2027-01-25, 2027-02-01",
    })
    void aRunOnAHolidayMovesAsOnHolidaySays(OnHoliday policy, String first, String second, String third) {
        ScheduleSpec spec = read("""
                {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York",
                 "holiday_calendar": "us-federal", "on_holiday": "%s"}""".formatted(policy));

        assertThat(local(spec.nextRuns(Instant.parse("2027-01-10T00:00:00Z"), 3), NEW_YORK))
                .containsExactlyElementsOf(at("09:00", first, second, third));
        assertThat(spec.onHoliday()).contains(policy);
    }

    @Test
    void aMovedRunMeetingTheNextDaysRunIsOneRun() {
        ScheduleSpec spec = read("""
                {"cadence": "daily", "time": "09:00", "timezone": "America/New_York",
                 "holiday_calendar": "us-federal"}""");

        // Thanksgiving (Thu 25) moves to Friday 26, which runs anyway: one run on the 26th, weekends still run.
        assertThat(local(spec.nextRuns(Instant.parse("2027-11-24T00:00:00Z"), 4), NEW_YORK))
                .containsExactlyElementsOf(at("09:00", "2027-11-24", "2027-11-26", "2027-11-27", "2027-11-28"));
    }

    @Test
    void aHolidayRunMovedIntoADaylightSavingGapIsShiftedByTheGap() {
        HolidayRules calendar =
                HolidayRules.builder("one").date(LocalDate.parse("2027-03-12")).build();
        ScheduleSpec spec = ScheduleSpec.fromJson("""
                {"cadence": "weekly", "day_of_week": 5, "time": "02:30", "timezone": "America/New_York",
                 "holiday_calendar": "one", "on_holiday": "NEXT_BUSINESS_DAY"}""", HolidayCalendars.of(Map.of("one", calendar)));

        // Friday 2027-03-12 is a holiday; the next business day is Monday 15th (no gap), the week after runs
        // normally. Then a Friday-holiday-free run.
        assertThat(spec.nextRuns(Instant.parse("2027-03-10T00:00:00Z"), 2))
                .containsExactly(Instant.parse("2027-03-15T06:30:00Z"), Instant.parse("2027-03-19T06:30:00Z"));
    }

    @Test
    void aBusinessDayRunInsideTheSpringGapRunsShiftedByTheGap() {
        HolidayRules sundaysWork = HolidayRules.builder("sundays-work")
                .weekend(Set.of(DayOfWeek.SATURDAY))
                .build();
        ScheduleSpec spec = ScheduleSpec.fromJson("""
                {"cadence": "daily", "business_days": true, "time": "02:30", "timezone": "America/New_York",
                 "holiday_calendar": "sundays-work"}""", HolidayCalendars.of(Map.of("sundays-work", sundaysWork)));

        // Sunday 2027-03-14 02:30 does not exist in New York: it runs at 03:30 EDT (07:30Z), not skipped.
        assertThat(spec.nextRuns(Instant.parse("2027-03-13T12:00:00Z"), 2))
                .containsExactly(Instant.parse("2027-03-14T07:30:00Z"), Instant.parse("2027-03-15T06:30:00Z"));
    }

    @Test
    void aBusinessDayRunInTheRepeatedHourRunsOnceAndNotAgainWhenAskedFromInside() {
        HolidayRules sundaysWork = HolidayRules.builder("sundays-work")
                .weekend(Set.of(DayOfWeek.SATURDAY))
                .build();
        ScheduleSpec spec = ScheduleSpec.fromJson("""
                {"cadence": "daily", "business_days": true, "time": "02:30", "timezone": "Europe/Berlin",
                 "holiday_calendar": "sundays-work"}""", HolidayCalendars.of(Map.of("sundays-work", sundaysWork)));

        // Sunday 2027-10-31 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET): it runs at the first.
        assertThat(spec.nextRun(Instant.parse("2027-10-30T12:00:00Z"))).contains(Instant.parse("2027-10-31T00:30:00Z"));
        assertThat(spec.nextRun(Instant.parse("2027-10-31T01:15:00Z"))).contains(Instant.parse("2027-11-01T01:30:00Z"));
    }

    @Test
    void writesAndReadsTheNewFormsBack() {
        for (String json : List.of(
                "{\"cadence\":\"daily\",\"time\":\"07:00\",\"business_days\":true,\"timezone\":\"UTC\"}",
                "{\"cadence\":\"monthly\",\"time\":\"07:00\",\"day_of_month\":\"first_business_day\","
                        + "\"timezone\":\"UTC\",\"holiday_calendar\":\"us-federal\"}",
                "{\"cadence\":\"monthly\",\"time\":\"07:00\",\"day_of_month\":\"last_business_day\",\"timezone\":\"UTC\"}",
                "{\"cadence\":\"monthly\",\"time\":\"07:00\",\"day_of_month\":{\"business_day\":-3},\"timezone\":\"UTC\"}",
                "{\"cadence\":\"monthly\",\"time\":\"07:00\",\"day_of_month\":{\"weekday\":\"FRI\",\"ordinal\":-1},"
                        + "\"timezone\":\"UTC\",\"holiday_calendar\":\"us-federal\",\"on_holiday\":\"SKIP\"}",
                "{\"cadence\":\"cron\",\"cron_expression\":\"0 9 * * FRI#2\",\"timezone\":\"UTC\","
                        + "\"holiday_calendar\":\"us-federal\",\"on_holiday\":\"PREVIOUS_BUSINESS_DAY\"}")) {
            ScheduleSpec spec = read(json);
            assertThat(spec.toJson()).isEqualTo(json);
            assertThat(read(spec.toJson())).isEqualTo(spec).hasSameHashCodeAs(spec);
        }
    }

    @Test
    void aCalendarWithoutOnHolidayWritesTheDefault() {
        ScheduleSpec spec = read("""
                {"cadence":"daily","time":"07:00","timezone":"UTC","holiday_calendar":"us-federal"}""");

        assertThat(spec.onHoliday()).contains(OnHoliday.NEXT_BUSINESS_DAY);
        assertThat(spec.toJson()).endsWith("\"holiday_calendar\":\"us-federal\",\"on_holiday\":\"NEXT_BUSINESS_DAY\"}");
        assertThat(read(spec.toJson())).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`{\"cadence\":\"daily\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"holiday_calendar\":\"nope\"}`"
                        + " | holiday_calendar | holiday_calendar: unknown calendar 'nope'; register it with the host first",
                "`{\"cadence\":\"daily\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"holiday_calendar\":5}`"
                        + " | holiday_calendar | holiday_calendar: must be the name of a registered calendar"
                        + " (1-64 letters, digits, '.', '_' or '-'), was 5",
                "`{\"cadence\":\"daily\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"on_holiday\":\"SKIP\"}`"
                        + " | on_holiday | on_holiday: needs a holiday_calendar, was SKIP without one",
                "`{\"cadence\":\"daily\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"holiday_calendar\":\"us-federal\","
                        + "\"on_holiday\":\"LATER\"}` | on_holiday | on_holiday: must be NEXT_BUSINESS_DAY,"
                        + " PREVIOUS_BUSINESS_DAY or SKIP, was 'LATER'",
                "`{\"cadence\":\"daily\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"business_days\":true,"
                        + "\"holiday_calendar\":\"us-federal\",\"on_holiday\":\"SKIP\"}` | on_holiday | on_holiday: not"
                        + " used when the schedule runs on business days only (they are never holidays), was SKIP",
                "`{\"cadence\":\"daily\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"business_days\":\"yes\"}`"
                        + " | business_days | business_days: must be true or false, was 'yes'",
                "`{\"cadence\":\"weekly\",\"day_of_week\":1,\"time\":\"07:00\",\"timezone\":\"UTC\","
                        + "\"business_days\":true}` | business_days | business_days: not used by cadence weekly;"
                        + " a weekly schedule takes cadence, time, day_of_week, timezone",
                "`{\"cadence\":\"monthly\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"day_of_month\":{\"business_day\":0}}`"
                        + " | day_of_month | day_of_month: business_day must be 1-31 or -31 to -1 (from the end), was 0",
                "`{\"cadence\":\"monthly\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"day_of_month\":{\"weekday\":\"FRX\","
                        + "\"ordinal\":1}}` | day_of_month | day_of_month: weekday must be one of MON, TUE, WED, THU,"
                        + " FRI, SAT, SUN, was 'FRX'",
                "`{\"cadence\":\"monthly\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"day_of_month\":{\"weekday\":\"MON\","
                        + "\"ordinal\":6}}` | day_of_month | day_of_month: ordinal must be 1-5 or -1 (the last), was 6",
                "`{\"cadence\":\"monthly\",\"time\":\"07:00\",\"timezone\":\"UTC\",\"day_of_month\":{\"weekday\":\"MON\"}}`"
                        + " | day_of_month | day_of_month: must be 1-31, \"last\", \"first_business_day\","
                        + " \"last_business_day\", {\"business_day\": N} or {\"weekday\": \"MON\", \"ordinal\": 1},"
                        + " was {\"weekday\":\"MON\"}",
            })
    void rejectsBadBusinessDayFieldsNamingTheField(String json, String field, String message) {
        InvalidScheduleException e = catchThrowableOfType(InvalidScheduleException.class, () -> read(json));

        assertThat(e).as("rejects %s", json).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e).hasMessage(message);
    }

    @Test
    void withoutCalendarsAScheduleNamingOneIsRejected() {
        InvalidScheduleException e =
                catchThrowableOfType(InvalidScheduleException.class, () -> ScheduleSpec.fromJson("""
                        {"cadence":"daily","time":"07:00","timezone":"UTC","holiday_calendar":"us-federal"}"""));

        assertThat(e.field()).isEqualTo("holiday_calendar");
    }
}
