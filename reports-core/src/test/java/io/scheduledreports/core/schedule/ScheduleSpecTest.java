package io.scheduledreports.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static List<Instant> instants(String... values) {
        return java.util.Arrays.stream(values).map(Instant::parse).toList();
    }

    @Test
    void weeklyMondayNineInNewYorkMatchesTheSeedsUpcomingRuns() {
        ScheduleSpec spec = ScheduleSpec.fromJson("""
                {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York"}
                """);

        assertThat(spec.nextRuns(at("2026-02-10T18:30:00Z"), 5))
                .containsExactlyElementsOf(instants(
                        "2026-02-16T14:00:00Z",
                        "2026-02-23T14:00:00Z",
                        "2026-03-02T14:00:00Z",
                        "2026-03-09T13:00:00Z",
                        "2026-03-16T13:00:00Z"));
        assertThat(spec.nextRun(at("2026-02-10T18:30:00Z"))).contains(at("2026-02-16T14:00:00Z"));
    }

    @Test
    void runsAreStrictlyAfterTheGivenInstant() {
        ScheduleSpec daily = ScheduleSpec.daily(LocalTime.of(9, 0), ZoneOffset.UTC);

        assertThat(daily.nextRun(at("2026-05-01T09:00:00Z"))).contains(at("2026-05-02T09:00:00Z"));
        assertThat(daily.nextRun(at("2026-05-01T08:59:59.999Z"))).contains(at("2026-05-01T09:00:00Z"));
        assertThat(daily.nextRun(at("2026-05-01T09:00:00.001Z"))).contains(at("2026-05-02T09:00:00Z"));
    }

    @Test
    void dailyRunsEveryDayAtTheWallClockTime() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(23, 59), BERLIN);

        assertThat(spec.nextRuns(at("2026-12-30T12:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("2026-12-30T22:59:00Z", "2026-12-31T22:59:00Z", "2027-01-01T22:59:00Z"));
    }

    @Test
    void weeklyRunsOnEachListedDayInOrder() {
        ScheduleSpec spec = ScheduleSpec.weekly(
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SUNDAY), LocalTime.of(7, 15), BERLIN);

        // 2026-06-03 is a Wednesday.
        assertThat(spec.nextRuns(at("2026-06-03T05:15:00Z"), 4))
                .containsExactlyElementsOf(instants(
                        "2026-06-07T05:15:00Z",
                        "2026-06-08T05:15:00Z",
                        "2026-06-10T05:15:00Z",
                        "2026-06-14T05:15:00Z"));
    }

    @Test
    void monthlyOnTheThirtyFirstRunsOnTheLastDayOfShorterMonths() {
        ScheduleSpec spec = ScheduleSpec.monthly(31, LocalTime.of(6, 0), ZoneOffset.UTC);

        assertThat(spec.nextRuns(at("2026-01-01T00:00:00Z"), 12))
                .containsExactlyElementsOf(instants(
                        "2026-01-31T06:00:00Z",
                        "2026-02-28T06:00:00Z",
                        "2026-03-31T06:00:00Z",
                        "2026-04-30T06:00:00Z",
                        "2026-05-31T06:00:00Z",
                        "2026-06-30T06:00:00Z",
                        "2026-07-31T06:00:00Z",
                        "2026-08-31T06:00:00Z",
                        "2026-09-30T06:00:00Z",
                        "2026-10-31T06:00:00Z",
                        "2026-11-30T06:00:00Z",
                        "2026-12-31T06:00:00Z"));
    }

    @Test
    void monthlyOnTheTwentyNinthToThirtyFirstClampsToFebruaryTwentyEighthOrTwentyNinth() {
        for (int day : new int[] {29, 30, 31}) {
            ScheduleSpec spec = ScheduleSpec.monthly(day, LocalTime.NOON, ZoneOffset.UTC);
            assertThat(spec.nextRun(at("2027-02-01T00:00:00Z")))
                    .as("day %d in 2027", day)
                    .contains(at("2027-02-28T12:00:00Z"));
            assertThat(spec.nextRun(at("2028-02-01T00:00:00Z")))
                    .as("day %d in leap year 2028", day)
                    .contains(at("2028-02-29T12:00:00Z"));
            assertThat(spec.nextRun(at("2100-02-01T00:00:00Z")))
                    .as("day %d in 2100, not a leap year", day)
                    .contains(at("2100-02-28T12:00:00Z"));
        }
        assertThat(ScheduleSpec.monthly(30, LocalTime.NOON, ZoneOffset.UTC).nextRuns(at("2028-01-31T00:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("2028-02-29T12:00:00Z", "2028-03-30T12:00:00Z", "2028-04-30T12:00:00Z"));
    }

    @Test
    void monthlyOnTheLastDayFollowsMonthLengthsIncludingLeapYears() {
        ScheduleSpec spec = ScheduleSpec.monthlyOnLastDay(LocalTime.of(18, 0), NEW_YORK);

        assertThat(spec.nextRuns(at("2028-01-31T23:00:00Z"), 4))
                .containsExactlyElementsOf(instants(
                        "2028-02-29T23:00:00Z",
                        "2028-03-31T22:00:00Z",
                        "2028-04-30T22:00:00Z",
                        "2028-05-31T22:00:00Z"));
        assertThat(spec.isLastDayOfMonth()).isTrue();
        assertThat(spec.dayOfMonth()).isEmpty();
    }

    @Test
    void monthlyOnAnEarlyDayRunsInTheSameMonthWhenNotYetPassed() {
        ScheduleSpec spec = ScheduleSpec.monthly(15, LocalTime.of(9, 30), BERLIN);

        assertThat(spec.nextRuns(at("2026-03-15T08:29:00Z"), 2))
                .containsExactlyElementsOf(instants("2026-03-15T08:30:00Z", "2026-04-15T07:30:00Z"));
    }

    @Test
    void onceRunsOnceAndThenHasNoMoreRuns() {
        ScheduleSpec spec = ScheduleSpec.once(LocalDateTime.of(2026, 3, 1, 9, 0), BERLIN);

        assertThat(spec.nextRuns(at("2026-01-01T00:00:00Z"), 5)).containsExactly(at("2026-03-01T08:00:00Z"));
        assertThat(spec.nextRuns(at("2026-03-01T08:00:00Z"), 5)).isEmpty();
        assertThat(spec.nextRun(at("2026-03-01T08:00:00Z"))).isEmpty();
        assertThat(spec.minimumInterval(at("2026-01-01T00:00:00Z"), 10)).isEqualTo(ScheduleSpec.NO_REPEAT);
    }

    @Test
    void cronRunsWhenTheLocalWallClockMatches() {
        ScheduleSpec spec = ScheduleSpec.cron("0 9 * * MON-FRI", BERLIN);

        // Friday 2026-06-05, then Monday.
        assertThat(spec.nextRuns(at("2026-06-05T06:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("2026-06-05T07:00:00Z", "2026-06-08T07:00:00Z", "2026-06-09T07:00:00Z"));
    }

    @Test
    void cronWithSecondsFieldRunsOnTheSecond() {
        ScheduleSpec spec = ScheduleSpec.cron("*/20 0 12 * * *", ZoneOffset.UTC);

        assertThat(spec.nextRuns(at("2026-06-05T12:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("2026-06-05T12:00:20Z", "2026-06-05T12:00:40Z", "2026-06-06T12:00:00Z"));
    }

    @Test
    void cronMatchesEitherDayOfMonthOrDayOfWeekWhenBothAreRestricted() {
        // Vixie cron: the 13th, and every Friday.
        ScheduleSpec spec = ScheduleSpec.cron("0 0 13 * 5", ZoneOffset.UTC);

        assertThat(spec.nextRuns(at("2026-01-01T00:00:00Z"), 4))
                .containsExactlyElementsOf(instants(
                        "2026-01-02T00:00:00Z",
                        "2026-01-09T00:00:00Z",
                        "2026-01-13T00:00:00Z",
                        "2026-01-16T00:00:00Z"));
    }

    @Test
    void cronMatchesBothDayFieldsWhenOneStartsWithAStar() {
        // Vixie cron: odd days that are Mondays.
        ScheduleSpec spec = ScheduleSpec.cron("0 0 */2 * 1", ZoneOffset.UTC);

        assertThat(spec.nextRuns(at("2026-01-01T00:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("2026-01-05T00:00:00Z", "2026-01-19T00:00:00Z", "2026-02-09T00:00:00Z"));
    }

    @Test
    void cronAcceptsSundayAsZeroOrSevenAndNames() {
        Instant from = at("2026-01-01T00:00:00Z");
        List<Instant> expected = ScheduleSpec.cron("0 8 * * 0", ZoneOffset.UTC).nextRuns(from, 5);

        assertThat(ScheduleSpec.cron("0 8 * * 7", ZoneOffset.UTC).nextRuns(from, 5))
                .isEqualTo(expected);
        assertThat(ScheduleSpec.cron("0 8 * * sun", ZoneOffset.UTC).nextRuns(from, 5))
                .isEqualTo(expected);
        assertThat(ScheduleSpec.cron("0 8 * * SAT-SUN", ZoneOffset.UTC).nextRuns(from, 1))
                .containsExactly(at("2026-01-03T08:00:00Z"));
        assertThat(expected.get(0)).isEqualTo(at("2026-01-04T08:00:00Z"));
    }

    @Test
    void cronOnFebruaryTwentyNinthRunsInLeapYearsOnly() {
        ScheduleSpec spec = ScheduleSpec.cron("0 0 29 2 *", ZoneOffset.UTC);

        assertThat(spec.nextRuns(at("2026-01-01T00:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"));
        assertThat(spec.nextRun(at("2097-01-01T00:00:00Z"))).contains(at("2104-02-29T00:00:00Z"));
    }

    @Test
    void minimumIntervalIsTheSmallestGapBetweenSampledRuns() {
        assertThat(ScheduleSpec.cron("0,10 * * * *", ZoneOffset.UTC).minimumInterval(at("2026-01-01T00:00:00Z"), 10))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(ScheduleSpec.daily(LocalTime.of(9, 0), ZoneOffset.UTC)
                        .minimumInterval(at("2026-01-01T00:00:00Z"), 5))
                .isEqualTo(Duration.ofDays(1));
        // Across the spring-forward day a daily run is 23 hours from the one before.
        assertThat(ScheduleSpec.daily(LocalTime.of(9, 0), NEW_YORK).minimumInterval(at("2026-03-06T00:00:00Z"), 5))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void rejectsNullAfterAndCountsOutOfRangeNamingTheArgument() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.NOON, ZoneOffset.UTC);

        assertThatThrownBy(() -> spec.nextRuns(null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("after: must not be null");
        assertThatThrownBy(() -> spec.nextRun(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("after: must not be null");
        assertThatThrownBy(() -> spec.nextRuns(Instant.EPOCH, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count: must be 0-10000, was -1");
        assertThatThrownBy(() -> spec.nextRuns(Instant.EPOCH, 10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("count: must be 0-10000, was 10001");
        assertThatThrownBy(() -> spec.minimumInterval(Instant.EPOCH, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples: must be 2-10000, was 1");
        assertThatThrownBy(() -> spec.minimumInterval(null, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from: must not be null");
        assertThat(spec.nextRuns(Instant.EPOCH, 0)).isEmpty();
        assertThat(spec.nextRuns(Instant.EPOCH, 10_000)).hasSize(10_000);
    }

    @Test
    void answersAtTheEdgesOfTimeWithoutThrowing() {
        ScheduleSpec daily = ScheduleSpec.daily(LocalTime.NOON, NEW_YORK);
        ScheduleSpec cron = ScheduleSpec.cron("0 0 29 2 *", NEW_YORK);

        assertThat(daily.nextRun(Instant.MAX)).isEmpty();
        assertThat(cron.nextRun(Instant.MAX)).isEmpty();
        assertThat(cron.nextRun(LocalDateTime.MAX.toInstant(ZoneOffset.UTC).minusSeconds(86_400 * 365L)))
                .isEmpty();
        assertThat(daily.nextRun(Instant.MIN)).isPresent();
        assertThat(cron.nextRuns(Instant.MIN, 2)).hasSize(2);
        assertThat(daily.nextRuns(at("9999-12-30T00:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("9999-12-30T17:00:00Z", "9999-12-31T17:00:00Z", "+10000-01-01T17:00:00Z"));
    }

    @Test
    void runsFarFromTodayFollowTheZonesRulesToo() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(2, 30), NEW_YORK);
        LocalDate springForward2300 =
                LocalDate.of(2300, 3, 1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.SUNDAY));

        // Beyond the precomputed table: gap rule still applies (02:30 EST does not exist, runs at 03:30 EDT).
        assertThat(spec.nextRun(springForward2300.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .contains(springForward2300.atTime(7, 30).toInstant(ZoneOffset.UTC));
        // Before 1918 New York had no DST.
        assertThat(spec.nextRun(at("1890-03-09T00:00:00Z"))).contains(at("1890-03-09T07:30:00Z"));
    }

    @Test
    void buildersFactoriesAndJsonDescribeTheSameSchedule() {
        ScheduleSpec built = ScheduleSpec.builder()
                .cadence(Cadence.WEEKLY)
                .daysOfWeek(DayOfWeek.FRIDAY, DayOfWeek.MONDAY)
                .time(LocalTime.of(9, 0))
                .zone(NEW_YORK)
                .build();
        ScheduleSpec parsed = ScheduleSpec.fromJson("""
                {"cadence":"weekly","day_of_week":[5,1],"time":"09:00","timezone":"America/New_York"}""");

        assertThat(built).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(built.cadence()).isEqualTo(Cadence.WEEKLY);
        assertThat(built.zone()).isEqualTo(NEW_YORK);
        assertThat(built.time()).contains(LocalTime.of(9, 0));
        assertThat(built.daysOfWeek()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(built.toString())
                .isEqualTo(
                        "ScheduleSpec{\"cadence\":\"weekly\",\"time\":\"09:00\",\"day_of_week\":[1,5],\"timezone\":\"America/New_York\"}");
        assertThat(ScheduleSpec.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), NEW_YORK))
                .isNotEqualTo(built);
    }

    @Test
    void builderRejectsFieldsTheCadenceDoesNotUseAndMissingOnes() {
        assertThatThrownBy(() -> ScheduleSpec.builder()
                        .cadence(Cadence.DAILY)
                        .time(LocalTime.NOON)
                        .dayOfMonth(3)
                        .zone(BERLIN)
                        .build())
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("day_of_month: not used by cadence daily");
        assertThatThrownBy(() -> ScheduleSpec.builder()
                        .cadence(Cadence.WEEKLY)
                        .time(LocalTime.NOON)
                        .zone(BERLIN)
                        .build())
                .hasMessage("day_of_week: required for cadence weekly");
        assertThatThrownBy(() -> ScheduleSpec.builder()
                        .cadence(Cadence.DAILY)
                        .time(LocalTime.NOON)
                        .build())
                .hasMessage("timezone: required for cadence daily");
        assertThatThrownBy(() ->
                        ScheduleSpec.builder().time(LocalTime.NOON).zone(BERLIN).build())
                .hasMessage("cadence: required, one of daily, weekly, monthly, cron, once");
        assertThatThrownBy(() -> ScheduleSpec.daily(LocalTime.of(9, 0, 30), BERLIN))
                .hasMessage("time: must be HH:mm (00:00-23:59), was 09:00:30");
        assertThatThrownBy(() -> ScheduleSpec.daily(null, BERLIN))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("time: must be HH:mm (00:00-23:59), was null");
        assertThatThrownBy(() -> ScheduleSpec.daily(LocalTime.NOON, null))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("timezone: must be an IANA zone id such as 'Europe/Berlin', was null");
        assertThatThrownBy(() -> ScheduleSpec.monthly(0, LocalTime.NOON, BERLIN))
                .hasMessage("day_of_month: must be 1-31 or \"last\", was 0");
        assertThatThrownBy(() -> ScheduleSpec.weekly(EnumSet.noneOf(DayOfWeek.class), LocalTime.NOON, BERLIN))
                .hasMessage("day_of_week: must list at least one day 1-7 (Monday=1), was []");
        assertThatThrownBy(() -> ScheduleSpec.cron(null, BERLIN))
                .isInstanceOf(InvalidScheduleException.class)
                .extracting(e -> ((InvalidScheduleException) e).field())
                .isEqualTo("cron_expression");
        assertThatThrownBy(() -> ScheduleSpec.once(LocalDateTime.of(2026, 1, 1, 9, 0, 0, 5), BERLIN))
                .hasMessageStartingWith("run_at: must be a local date-time");
    }
}
