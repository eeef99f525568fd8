package io.scheduledreports.core.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.DateRange;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeDatesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Wednesday 2026-05-13 09:00 in Berlin. */
    private static final Instant WEDNESDAY = Instant.parse("2026-05-13T07:00:00Z");

    @ParameterizedTest
    @CsvSource({
        "today,         2026-05-13, 2026-05-14",
        "yesterday,     2026-05-12, 2026-05-13",
        "last_1_days,   2026-05-12, 2026-05-13",
        "last_7_days,   2026-05-06, 2026-05-13",
        "last_30_days,  2026-04-13, 2026-05-13",
        "last_366_days, 2025-05-12, 2026-05-13",
        "this_week,     2026-05-11, 2026-05-18",
        "last_week,     2026-05-04, 2026-05-11",
        "week_to_date,  2026-05-11, 2026-05-14",
        "this_month,    2026-05-01, 2026-06-01",
        "last_month,    2026-04-01, 2026-05-01",
        "month_to_date, 2026-05-01, 2026-05-14",
        "this_quarter,  2026-04-01, 2026-07-01",
        "last_quarter,  2026-01-01, 2026-04-01",
        "this_year,     2026-01-01, 2027-01-01",
        "last_year,     2025-01-01, 2026-01-01",
        "year_to_date,  2026-01-01, 2026-05-14",
    })
    void resolvesEachTokenAgainstTheLocalDateOfTheScheduledTime(String token, String start, String end) {
        DateRange range = RelativeDates.resolve(token, WEDNESDAY, BERLIN);

        assertThat(range).isEqualTo(new DateRange(LocalDate.parse(start), LocalDate.parse(end), BERLIN));
        assertThat(RelativeDates.isRelative(token)).isTrue();
    }

    @Test
    void usesTheScheduleZonesDateNotUtcs() {
        // 2026-03-01T03:00Z is still February 28 in New York.
        Instant instant = Instant.parse("2026-03-01T03:00:00Z");

        assertThat(RelativeDates.resolve("today", instant, NEW_YORK).start()).isEqualTo("2026-02-28");
        assertThat(RelativeDates.resolve("last_month", instant, NEW_YORK)).hasToString("2026-01-01..2026-01-31");
        assertThat(RelativeDates.resolve("last_month", instant, ZoneId.of("UTC")))
                .hasToString("2026-02-01..2026-02-28");
    }

    @Test
    void wrapsAroundYearsQuartersAndWeeks() {
        Instant newYear = Instant.parse("2027-01-01T10:00:00Z"); // a Friday

        assertThat(RelativeDates.resolve("last_week", newYear, BERLIN)).hasToString("2026-12-21..2026-12-27");
        assertThat(RelativeDates.resolve("this_week", newYear, BERLIN)).hasToString("2026-12-28..2027-01-03");
        assertThat(RelativeDates.resolve("last_quarter", newYear, BERLIN)).hasToString("2026-10-01..2026-12-31");
        assertThat(RelativeDates.resolve("yesterday", newYear, BERLIN)).hasToString("2026-12-31..2026-12-31");
        assertThat(RelativeDates.resolve("last_month", Instant.parse("2028-03-15T12:00:00Z"), BERLIN))
                .as("leap February")
                .hasToString("2028-02-01..2028-02-29");
    }

    @Test
    void daylightSavingDaysKeepWholeLocalDaysOf23And25Hours() {
        Instant afterSpringForward = Instant.parse("2026-03-09T14:00:00Z");
        Instant afterFallBack = Instant.parse("2026-11-02T14:00:00Z");

        DateRange shortDay = RelativeDates.resolve("yesterday", afterSpringForward, NEW_YORK);
        DateRange longDay = RelativeDates.resolve("yesterday", afterFallBack, NEW_YORK);

        assertThat(shortDay).hasToString("2026-03-08..2026-03-08");
        assertThat(Duration.between(shortDay.startInstant(), shortDay.endInstant()))
                .hasHours(23);
        assertThat(longDay).hasToString("2026-11-01..2026-11-01");
        assertThat(Duration.between(longDay.startInstant(), longDay.endInstant()))
                .hasHours(25);
        // A run at 00:30 local on the spring-forward day still belongs to that day.
        assertThat(RelativeDates.resolve("today", Instant.parse("2026-03-08T05:30:00Z"), NEW_YORK)
                        .start())
                .isEqualTo("2026-03-08");
    }

    @Test
    void resolvesTheSameRangeForARetryLaterThatDay() {
        Instant scheduledFor = Instant.parse("2026-05-13T22:30:00Z"); // 00:30 on May 14 in Berlin

        assertThat(RelativeDates.resolve("yesterday", scheduledFor, BERLIN)).hasToString("2026-05-13..2026-05-13");
    }

    @Test
    void acceptsTokensInAnyCaseWithSurroundingBlanksAndExplicitRanges() {
        assertThat(RelativeDates.resolve(" Last_7_Days ", WEDNESDAY, BERLIN)).hasToString("2026-05-06..2026-05-12");
        assertThat(RelativeDates.resolve("2026-01-01..2026-01-31", WEDNESDAY, BERLIN))
                .isEqualTo(new DateRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-01"), BERLIN));
        assertThat(RelativeDates.isRelative("2026-01-01..2026-01-31")).isFalse();
    }

    @Test
    void rejectsUnknownTokensNamingTheField() {
        assertThatThrownBy(() -> RelativeDates.resolve("last_fortnight", WEDNESDAY, BERLIN, "report_params.period"))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("report_params.period: must be one of today, yesterday, last_N_days (N 1-366)")
                .hasMessageEndingWith(", was 'last_fortnight'")
                .extracting(e -> ((ReportsValidationException) e).field())
                .isEqualTo("report_params.period");
        assertThatThrownBy(() -> RelativeDates.resolve("last_0_days", WEDNESDAY, BERLIN))
                .hasMessage("date_range: last_N_days needs N from 1 to 366, was 'last_0_days'");
        assertThatThrownBy(() -> RelativeDates.resolve("last_367_days", WEDNESDAY, BERLIN))
                .hasMessage("date_range: last_N_days needs N from 1 to 366, was 'last_367_days'");
        assertThatThrownBy(() -> RelativeDates.resolve("last_99999999999_days", WEDNESDAY, BERLIN))
                .isInstanceOf(ReportsValidationException.class);
        assertThatThrownBy(() -> RelativeDates.resolve("2026-02-01..2026-01-01", WEDNESDAY, BERLIN))
                .hasMessage("date_range: explicit range ends before it starts, was '2026-02-01..2026-01-01'");
        assertThatThrownBy(() -> RelativeDates.resolve("2026-02-30..2026-03-01", WEDNESDAY, BERLIN))
                .hasMessage("date_range: explicit range must be two valid dates, was '2026-02-30..2026-03-01'");
        assertThatThrownBy(() -> RelativeDates.resolve(null, WEDNESDAY, BERLIN))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageEndingWith(", was null");
        assertThatThrownBy(() -> RelativeDates.resolve("today", null, BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduledFor: must not be null");
        assertThatThrownBy(() -> RelativeDates.resolve("today", Instant.MAX, BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scheduledFor: out of the supported date range");
        assertThat(RelativeDates.isRelative("last_0_days")).isFalse();
        assertThat(RelativeDates.isRelative("last_fortnight")).isFalse();
        assertThat(RelativeDates.isRelative(null)).isFalse();
    }

    @Test
    void resolveAllReplacesOnlyTheNamedDateRangeParameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("date_range", "last_7_days");
        params.put("group_by", "region");
        params.put("note", "today");
        params.put("compare_to", null);

        Map<String, Object> resolved =
                RelativeDates.resolveAll(params, Set.of("date_range", "compare_to", "missing"), WEDNESDAY, BERLIN);

        assertThat(resolved)
                .containsEntry("date_range", RelativeDates.resolve("last_7_days", WEDNESDAY, BERLIN))
                .containsEntry("group_by", "region")
                .containsEntry("note", "today")
                .containsEntry("compare_to", null)
                .doesNotContainKey("missing");
        assertThat(resolved.keySet()).containsExactly("date_range", "group_by", "note", "compare_to");
        assertThat(params).containsEntry("date_range", "last_7_days");
        assertThat(RelativeDates.resolveAll(resolved, Set.of("date_range"), WEDNESDAY, BERLIN))
                .as("already resolved ranges stay")
                .isEqualTo(resolved);
    }

    @Test
    void resolveAllNamesTheParameterThatHoldsABadValue() {
        Map<String, Object> params = new HashMap<>();
        params.put("period", "next_week");

        assertThatThrownBy(() -> RelativeDates.resolveAll(params, Set.of("period"), WEDNESDAY, BERLIN))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("report_params.period: must be one of ")
                .hasMessageEndingWith(", was 'next_week'");
        params.put("period", 7);
        assertThatThrownBy(() -> RelativeDates.resolveAll(params, Set.of("period"), WEDNESDAY, BERLIN))
                .hasMessageStartingWith("report_params.period: must be a string, one of ")
                .hasMessageEndingWith(", was 7");
    }
}
