package io.scheduledreports.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleSpecJsonTest {

    /** Asserts that {@code json} is rejected with exactly {@code message}, naming {@code field}. */
    private static void assertRejected(String json, String field, String message) {
        InvalidScheduleException e =
                catchThrowableOfType(InvalidScheduleException.class, () -> ScheduleSpec.fromJson(json));
        assertThat(e).as("rejects %s", json).isNotNull();
        assertThat(e.field()).as("field of %s", e.getMessage()).isEqualTo(field);
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"cadence\":\"daily\",\"time\":\"00:00\",\"timezone\":\"UTC\"}",
                "{\"cadence\":\"weekly\",\"time\":\"09:00\",\"day_of_week\":1,\"timezone\":\"America/New_York\"}",
                "{\"cadence\":\"weekly\",\"time\":\"23:59\",\"day_of_week\":[1,3,7],\"timezone\":\"Asia/Kolkata\"}",
                "{\"cadence\":\"monthly\",\"time\":\"06:30\",\"day_of_month\":31,\"timezone\":\"Europe/Berlin\"}",
                "{\"cadence\":\"monthly\",\"time\":\"06:30\",\"day_of_month\":\"last\",\"timezone\":\"Europe/Berlin\"}",
                "{\"cadence\":\"cron\",\"cron_expression\":\"0 9 * * MON-FRI\",\"timezone\":\"Australia/Lord_Howe\"}",
                "{\"cadence\":\"cron\",\"cron_expression\":\"30 */5 9-17 * * 1-5\",\"timezone\":\"UTC\"}",
                "{\"cadence\":\"once\",\"run_at\":\"2026-03-01T09:00\",\"timezone\":\"Pacific/Auckland\"}",
                "{\"cadence\":\"once\",\"run_at\":\"2026-03-01T09:00:30\",\"timezone\":\"Etc/GMT-5\"}"
            })
    void writesTheCanonicalJsonItReads(String json) {
        ScheduleSpec spec = ScheduleSpec.fromJson(json);

        assertThat(spec.toJson()).isEqualTo(json);
        assertThat(ScheduleSpec.fromJson(spec.toJson())).isEqualTo(spec).hasSameHashCodeAs(spec);
    }

    @Test
    void roundTripsWhateverOrderAndSpacingTheInputHad() {
        ScheduleSpec spec = ScheduleSpec.fromJson("""
                {
                  "timezone": "America/New_York",
                  "day_of_week": [5, 1],
                  "time": "09:00",
                  "cadence": "weekly"
                }
                """);

        assertThat(spec.toJson())
                .isEqualTo(
                        "{\"cadence\":\"weekly\",\"time\":\"09:00\",\"day_of_week\":[1,5],\"timezone\":\"America/New_York\"}");
        assertThat(ScheduleSpec.fromJson(spec.toJson())).isEqualTo(spec);
        assertThat(ScheduleSpec.fromJson(
                                "{\"cadence\":\"cron\",\"cron_expression\":\"  0  9 * *   1 \",\"timezone\":\"UTC\"}")
                        .cronExpression())
                .contains("0 9 * * 1");
    }

    @Test
    void readsEveryFieldOfEachCadence() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(ScheduleSpec.fromJson("{\"cadence\":\"daily\",\"time\":\"07:05\",\"timezone\":\"Europe/Berlin\"}"))
                .isEqualTo(ScheduleSpec.daily(LocalTime.of(7, 5), berlin));
        assertThat(
                        ScheduleSpec.fromJson(
                                "{\"cadence\":\"weekly\",\"time\":\"07:05\",\"day_of_week\":[7],\"timezone\":\"Europe/Berlin\"}"))
                .isEqualTo(ScheduleSpec.weekly(DayOfWeek.SUNDAY, LocalTime.of(7, 5), berlin));
        assertThat(
                        ScheduleSpec.fromJson(
                                "{\"cadence\":\"monthly\",\"time\":\"07:05\",\"day_of_month\":\"last\",\"timezone\":\"Europe/Berlin\"}"))
                .isEqualTo(ScheduleSpec.monthlyOnLastDay(LocalTime.of(7, 5), berlin));
        assertThat(
                        ScheduleSpec.fromJson(
                                "{\"cadence\":\"monthly\",\"time\":\"07:05\",\"day_of_month\":1,\"timezone\":\"Europe/Berlin\"}"))
                .isEqualTo(ScheduleSpec.monthly(1, LocalTime.of(7, 5), berlin))
                .isNotEqualTo(ScheduleSpec.monthlyOnLastDay(LocalTime.of(7, 5), berlin));
        assertThat(ScheduleSpec.fromJson(
                        "{\"cadence\":\"cron\",\"cron_expression\":\"5 7 * * *\",\"timezone\":\"Europe/Berlin\"}"))
                .isEqualTo(ScheduleSpec.cron("5 7 * * *", berlin));
        assertThat(ScheduleSpec.fromJson(
                        "{\"cadence\":\"once\",\"run_at\":\"2026-03-01T09:00\",\"timezone\":\"Europe/Berlin\"}"))
                .isEqualTo(ScheduleSpec.once(LocalDateTime.of(2026, 3, 1, 9, 0), berlin));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`\"Mars/Olympus\"` | timezone: unknown zone 'Mars/Olympus'",
                "`\"\"`             | timezone: must be an IANA zone id such as 'Europe/Berlin', was ''",
                "`\"+25:00\"`       | timezone: must be an IANA zone id such as 'Europe/Berlin', was '+25:00'",
                "`42`               | timezone: must be an IANA zone id such as 'Europe/Berlin', was 42",
                "`null`             | timezone: must be an IANA zone id such as 'Europe/Berlin', was null",
                "`\"+02:00\"`       | timezone: must be an IANA region id such as 'Europe/Berlin', not a fixed offset:"
                        + " an offset does not follow daylight saving time; for a fixed offset on purpose use"
                        + " 'Etc/GMT-2' (note the inverted sign), was '+02:00'",
                "`\"GMT+2\"`        | timezone: must be an IANA region id such as 'Europe/Berlin', not a fixed offset:"
                        + " an offset does not follow daylight saving time; for a fixed offset on purpose use"
                        + " 'Etc/GMT-2' (note the inverted sign), was 'GMT+2'",
                "`\"+05:30\"`       | timezone: must be an IANA region id such as 'Europe/Berlin', not a fixed offset:"
                        + " an offset does not follow daylight saving time, was '+05:30'",
                "`\"america/new_york\"` | timezone: unknown zone 'america/new_york'; zone ids are case-sensitive,"
                        + " did you mean 'America/New_York'?",
            })
    void rejectsBadTimezones(String value, String message) {
        assertRejected("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":" + value + "}", "timezone", message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`\"25:00\"`    | time: must be HH:mm (00:00-23:59), was '25:00'",
                "`\"24:00\"`    | time: must be HH:mm (00:00-23:59), was '24:00'",
                "`\"9:00\"`     | time: must be HH:mm (00:00-23:59), was '9:00'",
                "`\"09:60\"`    | time: must be HH:mm (00:00-23:59), was '09:60'",
                "`\"09:00:00\"` | time: must be HH:mm (00:00-23:59), was '09:00:00'",
                "`900`          | time: must be HH:mm (00:00-23:59), was 900",
                "`null`         | time: must be HH:mm (00:00-23:59), was null",
            })
    void rejectsBadTimes(String value, String message) {
        assertRejected("{\"cadence\":\"daily\",\"time\":" + value + ",\"timezone\":\"UTC\"}", "time", message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`0`         | day_of_week: must be 1-7 (Monday=1) or a list of them, was 0",
                "`8`         | day_of_week: must be 1-7 (Monday=1) or a list of them, was 8",
                "`1.5`       | day_of_week: must be 1-7 (Monday=1) or a list of them, was 1.5",
                "`\"1\"`     | day_of_week: must be 1-7 (Monday=1) or a list of them, was '1'",
                "`\"MON\"`   | day_of_week: must be 1-7 (Monday=1) or a list of them, was 'MON'",
                "`[]`        | day_of_week: must be 1-7 (Monday=1) or a list of them, was []",
                "`[1, 9]`    | day_of_week: must be 1-7 (Monday=1) or a list of them, was 9",
                "`[3, 3]`    | day_of_week: lists day 3 twice, was [3,3]",
            })
    void rejectsBadDaysOfWeek(String value, String message) {
        assertRejected(
                "{\"cadence\":\"weekly\",\"time\":\"09:00\",\"day_of_week\":" + value + ",\"timezone\":\"UTC\"}",
                "day_of_week",
                message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`32`          | day_of_month: must be 1-31 or \"last\", was 32",
                "`0`           | day_of_month: must be 1-31 or \"last\", was 0",
                "`-1`          | day_of_month: must be 1-31 or \"last\", was -1",
                "`\"LAST\"`    | day_of_month: must be 1-31 or \"last\", was 'LAST'",
                "`\"15\"`      | day_of_month: must be 1-31 or \"last\", was '15'",
                "`99999999999` | day_of_month: must be 1-31 or \"last\", was 99999999999",
            })
    void rejectsBadDaysOfMonth(String value, String message) {
        assertRejected(
                "{\"cadence\":\"monthly\",\"time\":\"09:00\",\"day_of_month\":" + value + ",\"timezone\":\"UTC\"}",
                "day_of_month",
                message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`\"* * *\"`        | cron_expression: must have 5 fields (minute hour day-of-month month day-of-week)"
                        + " or 6 with seconds first, was '* * *'",
                "`\"\"`             | cron_expression: must have 5 fields (minute hour day-of-month month day-of-week)"
                        + " or 6 with seconds first, was ''",
                "`\"61 * * * *\"`   | cron_expression: invalid cron (Value 61 not in range [0, 59]), was '61 * * * *'",
                "`\"0 0 31 2 *\"`   | cron_expression: never matches a date (no selected month has the selected days),"
                        + " was '0 0 31 2 *'",
                "`\"0 0 ? * MON\"`  | cron_expression: Unix cron syntax only (numbers, names, * , - /, and L W # in the"
                        + " day fields); ? and @nicknames are not supported, was '0 0 ? * MON'",
                "`\"0 0 L-31 * *\"` | cron_expression: day-of-month L-31: the offset after L- must be 1-30, was"
                        + " '0 0 L-31 * *'",
                "`\"0 0 * * 1#6\"`  | cron_expression: day-of-week 1#6: the number after # must be 1-5, was"
                        + " '0 0 * * 1#6'",
                "`5`                | cron_expression: must be a cron expression string such as '0 9 * * 1-5', was 5",
            })
    void rejectsBadCronExpressions(String value, String message) {
        assertRejected(
                "{\"cadence\":\"cron\",\"cron_expression\":" + value + ",\"timezone\":\"UTC\"}",
                "cron_expression",
                message);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0 0 30 2 *",
                "* * * * * * *",
                "0 0 * * 8",
                "0 24 * * *",
                "0 0 0 * *",
                "0 0 * 13 *",
                "a b c d e",
                "0 0 * * MON|TUE",
                "@daily",
                "*/0 * * * *",
                "0 0 5-1 * *",
                "0 0 32W * *",
                "0 0 * * 8L"
            })
    void rejectsOtherInvalidCronExpressionsNamingTheField(String expression) {
        InvalidScheduleException e = catchThrowableOfType(
                InvalidScheduleException.class, () -> ScheduleSpec.cron(expression, ZoneId.of("UTC")));

        assertThat(e).as("rejects '%s'", expression).isNotNull();
        assertThat(e.field()).isEqualTo("cron_expression");
        assertThat(e.getMessage()).startsWith("cron_expression: ").endsWith(", was '" + expression + "'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`\"2026-02-30T09:00\"`       | 2026-02-30T09:00",
                "`\"2026-03-01T09:00Z\"`      | 2026-03-01T09:00Z",
                "`\"2026-03-01T09:00+01:00\"` | 2026-03-01T09:00+01:00",
                "`\"2026-03-01 09:00\"`       | 2026-03-01 09:00",
                "`\"2026-03-01\"`             | 2026-03-01",
                "`\"2026-03-01T09:00:00.5\"`  | 2026-03-01T09:00:00.5",
            })
    void rejectsBadRunAt(String value, String shown) {
        assertRejected(
                "{\"cadence\":\"once\",\"run_at\":" + value + ",\"timezone\":\"UTC\"}",
                "run_at",
                "run_at: must be a local date-time yyyy-MM-ddTHH:mm[:ss] without offset (the zone is timezone), was '"
                        + shown + "'");
    }

    @Test
    void rejectsMissingOrUnknownCadence() {
        assertRejected(
                "{\"time\":\"09:00\",\"timezone\":\"UTC\"}",
                "cadence",
                "cadence: required, one of daily, weekly, monthly, cron, once");
        assertRejected(
                "{\"cadence\":\"hourly\",\"timezone\":\"UTC\"}",
                "cadence",
                "cadence: must be one of daily, weekly, monthly, cron, once, was 'hourly'");
        assertRejected(
                "{\"cadence\":\"DAILY\",\"time\":\"09:00\",\"timezone\":\"UTC\"}",
                "cadence",
                "cadence: must be one of daily, weekly, monthly, cron, once, was 'DAILY'");
        assertRejected(
                "{\"cadence\":null,\"timezone\":\"UTC\"}",
                "cadence",
                "cadence: must be one of daily, weekly, monthly, cron, once, was null");
    }

    @Test
    void rejectsUnknownKeysNamingThem() {
        assertRejected(
                "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\",\"tz\":\"UTC\"}",
                "tz",
                "tz: unknown key; a daily schedule takes cadence, time, timezone");
        assertRejected(
                "{\"cadence\":\"weekly\",\"time\":\"09:00\",\"day_of_week\":1,\"timezone\":\"UTC\",\"dayOfWeek\":1}",
                "dayOfWeek",
                "dayOfWeek: unknown key; a weekly schedule takes cadence, time, day_of_week, timezone");
    }

    @Test
    void rejectsKeysThatBelongToAnotherCadence() {
        assertRejected(
                "{\"cadence\":\"weekly\",\"time\":\"09:00\",\"day_of_week\":1,\"day_of_month\":1,\"timezone\":\"UTC\"}",
                "day_of_month",
                "day_of_month: not used by cadence weekly; a weekly schedule takes cadence, time, day_of_week,"
                        + " timezone");
        assertRejected(
                "{\"cadence\":\"cron\",\"cron_expression\":\"0 9 * * *\",\"time\":\"09:00\",\"timezone\":\"UTC\"}",
                "time",
                "time: not used by cadence cron; a cron schedule takes cadence, cron_expression, timezone");
        assertRejected(
                "{\"cadence\":\"daily\",\"time\":\"09:00\",\"run_at\":\"2026-01-01T09:00\",\"timezone\":\"UTC\"}",
                "run_at",
                "run_at: not used by cadence daily; a daily schedule takes cadence, time, timezone");
    }

    @Test
    void rejectsMissingRequiredKeys() {
        assertRejected(
                "{\"cadence\":\"daily\",\"time\":\"09:00\"}", "timezone", "timezone: required for cadence daily");
        assertRejected("{\"cadence\":\"daily\",\"timezone\":\"UTC\"}", "time", "time: required for cadence daily");
        assertRejected(
                "{\"cadence\":\"weekly\",\"time\":\"09:00\",\"timezone\":\"UTC\"}",
                "day_of_week",
                "day_of_week: required for cadence weekly");
        assertRejected(
                "{\"cadence\":\"monthly\",\"time\":\"09:00\",\"timezone\":\"UTC\"}",
                "day_of_month",
                "day_of_month: required for cadence monthly");
        assertRejected(
                "{\"cadence\":\"cron\",\"timezone\":\"UTC\"}",
                "cron_expression",
                "cron_expression: required for cadence cron");
        assertRejected("{\"cadence\":\"once\",\"timezone\":\"UTC\"}", "run_at", "run_at: required for cadence once");
    }

    @Test
    void rejectsMalformedJsonAsAWholeSchedule() {
        assertRejected(
                "{\"cadence\": \"daily\",",
                "schedule",
                "schedule: malformed JSON: Unexpected end-of-input within/between Object entries at line 1, column 21");
        assertRejected(
                "{\"cadence\": \"daily\"",
                "schedule",
                "schedule: malformed JSON: Unexpected end-of-input: expected close marker for Object (start marker at"
                        + " line 1, column 1) at line 1, column 20");
        assertRejected(
                "{\"cadence\":\"daily\",\"time\":\"09:00\",\"time\":\"10:00\",\"timezone\":\"UTC\"}",
                "schedule",
                "schedule: malformed JSON: Duplicate field 'time' at line 1, column 41");
        assertRejected("[1, 2]", "schedule", "schedule: must be a JSON object, was array");
        assertRejected("\"daily\"", "schedule", "schedule: must be a JSON object, was string");
        assertRejected("null", "schedule", "schedule: must be a JSON object, was null");
        assertRejected("", "schedule", "schedule: must be a JSON object, was ''");
        assertRejected(null, "schedule", "schedule: must be a JSON object, was null");
        assertThatThrownBy(() -> ScheduleSpec.fromJson("{\"cadence\":\"daily\"} trailing"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageStartingWith("schedule: malformed JSON: ");
        assertThatThrownBy(() -> ScheduleSpec.fromJson("{'cadence':'daily'}"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageStartingWith("schedule: malformed JSON: ");
    }

    @Test
    void shortensHugeValuesInMessages() {
        String huge = "x".repeat(10_000);
        InvalidScheduleException e = catchThrowableOfType(
                InvalidScheduleException.class,
                () -> ScheduleSpec.fromJson("{\"cadence\":\"daily\",\"time\":\"" + huge + "\",\"timezone\":\"UTC\"}"));

        assertThat(e.getMessage()).hasSizeLessThan(200).endsWith("...'");
    }
}
