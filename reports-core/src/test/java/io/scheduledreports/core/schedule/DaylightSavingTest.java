package io.scheduledreports.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gaps (spring forward) and overlaps (fall back) in zones with one-hour and half-hour changes, on both
 * hemispheres. New York 2026: gap 03-08 02:00-03:00, overlap 11-01 01:00-02:00. London 2026: gap 03-29
 * 01:00-02:00, overlap 10-25 01:00-02:00. Auckland 2026: overlap 04-05 02:00-03:00, gap 09-27 02:00-03:00. Lord
 * Howe 2026 (+10:30/+11): overlap 04-05 01:30-02:00, gap 10-04 02:00-02:30.
 */
class DaylightSavingTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static List<Instant> instants(String... values) {
        return Arrays.stream(values).map(Instant::parse).toList();
    }

    @Test
    void runsShiftedForwardByTheGapWhenLocalTimeDoesNotExist() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(2, 30), NEW_YORK);

        assertThat(spec.nextRuns(at("2026-03-07T00:00:00Z"), 3))
                .as("02:30 EST, then 03:30 EDT on the gap day, then 02:30 EDT")
                .containsExactlyElementsOf(
                        instants("2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z"));
    }

    @Test
    void runsOnceAtEarlierOffsetWhenLocalTimeRepeats() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(1, 30), NEW_YORK);

        assertThat(spec.nextRuns(at("2026-10-31T00:00:00Z"), 3))
                .as("01:30 EDT on the overlap day, never 01:30 EST as well")
                .containsExactlyElementsOf(
                        instants("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    }

    @Test
    void doesNotRunAgainWhenAskedFromInsideTheSecondPassOfTheRepeatedHour() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(1, 30), NEW_YORK);

        // 06:00Z-07:00Z is 01:00-02:00 EST, the second pass; today's run was at 05:30Z (01:30 EDT).
        for (String after : List.of(
                "2026-11-01T05:30:00Z",
                "2026-11-01T06:00:00Z",
                "2026-11-01T06:15:00Z",
                "2026-11-01T06:30:00Z",
                "2026-11-01T06:59:59Z")) {
            assertThat(spec.nextRun(at(after))).as("after %s", after).contains(at("2026-11-02T06:30:00Z"));
        }
        assertThat(spec.nextRun(at("2026-11-01T05:29:59Z"))).contains(at("2026-11-01T05:30:00Z"));
    }

    @Test
    void runsAShiftedRunWhenAskedFromJustAfterTheGap() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(2, 30), NEW_YORK);

        // 07:00Z is 03:00 EDT, the first instant after the gap; the 02:30 run happens at 03:30 EDT.
        assertThat(spec.nextRun(at("2026-03-08T07:00:00Z"))).contains(at("2026-03-08T07:30:00Z"));
        assertThat(spec.nextRun(at("2026-03-08T07:29:59Z"))).contains(at("2026-03-08T07:30:00Z"));
        assertThat(spec.nextRun(at("2026-03-08T07:30:00Z"))).contains(at("2026-03-09T06:30:00Z"));
    }

    @Test
    void londonShiftsTheGapAndRunsTheOverlapOnceAtBritishSummerTime() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(1, 30), LONDON);

        assertThat(spec.nextRuns(at("2026-03-28T00:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"));
        assertThat(spec.nextRuns(at("2026-10-24T00:00:00Z"), 3))
                .containsExactlyElementsOf(
                        instants("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
        assertThat(spec.nextRun(at("2026-10-25T01:30:00Z"))).contains(at("2026-10-26T01:30:00Z"));
    }

    @Test
    void aucklandOnTheSouthernHemisphereRepeatsInAprilAndSkipsInSeptember() {
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(2, 30), AUCKLAND);

        assertThat(spec.nextRuns(at("2026-04-03T00:00:00Z"), 3))
                .as("02:30 +13, 02:30 +13 (earlier of the two), 02:30 +12")
                .containsExactlyElementsOf(
                        instants("2026-04-03T13:30:00Z", "2026-04-04T13:30:00Z", "2026-04-05T14:30:00Z"));
        assertThat(spec.nextRun(at("2026-04-04T14:30:00Z"))).contains(at("2026-04-05T14:30:00Z"));
        assertThat(spec.nextRuns(at("2026-09-25T00:00:00Z"), 3))
                .as("02:30 +12, 03:30 +13 (shifted), 02:30 +13")
                .containsExactlyElementsOf(
                        instants("2026-09-25T14:30:00Z", "2026-09-26T14:30:00Z", "2026-09-27T13:30:00Z"));
    }

    @Test
    void lordHoweShiftsByItsHalfHourGapAndRepeatsItsHalfHourOnce() {
        ScheduleSpec inOverlap = ScheduleSpec.daily(LocalTime.of(1, 45), LORD_HOWE);
        ScheduleSpec inGap = ScheduleSpec.daily(LocalTime.of(2, 15), LORD_HOWE);

        assertThat(inOverlap.nextRuns(at("2026-04-03T00:00:00Z"), 3))
                .as("01:45 +11, 01:45 +11 (earlier), 01:45 +10:30")
                .containsExactlyElementsOf(
                        instants("2026-04-03T14:45:00Z", "2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"));
        assertThat(inOverlap.nextRun(at("2026-04-04T15:00:00Z"))).contains(at("2026-04-05T15:15:00Z"));
        assertThat(inGap.nextRuns(at("2026-10-02T00:00:00Z"), 3))
                .as("02:15 +10:30, 02:45 +11 (shifted by 30 minutes), 02:15 +11")
                .containsExactlyElementsOf(
                        instants("2026-10-02T15:45:00Z", "2026-10-03T15:45:00Z", "2026-10-04T15:15:00Z"));
    }

    @Test
    void santiagoRunsAMidnightGapLocalTimeOnTheSameDay() {
        // Chile springs forward at 24:00 on the first Saturday of September: 2026-09-06 00:00-01:00 is missing.
        ScheduleSpec spec = ScheduleSpec.daily(LocalTime.of(0, 30), ZoneId.of("America/Santiago"));

        assertThat(spec.nextRuns(at("2026-09-05T00:00:00Z"), 3))
                .as("00:30 -04, 01:30 -03 (shifted), 00:30 -03")
                .containsExactlyElementsOf(
                        instants("2026-09-05T04:30:00Z", "2026-09-06T04:30:00Z", "2026-09-07T03:30:00Z"));
    }

    @Test
    void weeklyMonthlyAndOnceFollowTheSameGapAndOverlapRules() {
        assertThat(ScheduleSpec.weekly(DayOfWeek.SUNDAY, LocalTime.of(2, 30), NEW_YORK)
                        .nextRun(at("2026-03-02T00:00:00Z")))
                .contains(at("2026-03-08T07:30:00Z"));
        assertThat(ScheduleSpec.monthly(8, LocalTime.of(2, 30), NEW_YORK).nextRun(at("2026-03-02T00:00:00Z")))
                .contains(at("2026-03-08T07:30:00Z"));
        assertThat(ScheduleSpec.once(LocalDateTime.of(2026, 3, 8, 2, 30), NEW_YORK)
                        .nextRuns(at("2026-01-01T00:00:00Z"), 2))
                .containsExactly(at("2026-03-08T07:30:00Z"));
        assertThat(ScheduleSpec.once(LocalDateTime.of(2026, 11, 1, 1, 30), NEW_YORK)
                        .nextRuns(at("2026-01-01T00:00:00Z"), 2))
                .containsExactly(at("2026-11-01T05:30:00Z"));
        assertThat(ScheduleSpec.once(LocalDateTime.of(2026, 11, 1, 1, 30), NEW_YORK)
                        .nextRun(at("2026-11-01T06:00:00Z")))
                .as("asked from the second pass, the one run is over")
                .isEmpty();
    }

    @Test
    void cronCollapsesRunsShiftedOutOfTheGapOntoRealRunsAfterIt() {
        ScheduleSpec spec = ScheduleSpec.cron("0,30 2,3 * * *", NEW_YORK);

        assertThat(spec.nextRuns(at("2026-03-07T00:00:00Z"), 10))
                .containsExactlyElementsOf(instants(
                        "2026-03-07T07:00:00Z",
                        "2026-03-07T07:30:00Z",
                        "2026-03-07T08:00:00Z",
                        "2026-03-07T08:30:00Z",
                        // 02:00 and 02:30 do not exist; shifted, they coincide with 03:00 and 03:30 EDT.
                        "2026-03-08T07:00:00Z",
                        "2026-03-08T07:30:00Z",
                        "2026-03-09T06:00:00Z",
                        "2026-03-09T06:30:00Z",
                        "2026-03-09T07:00:00Z",
                        "2026-03-09T07:30:00Z"));
    }

    @Test
    void cronEveryFifteenMinutesKeepsItsRhythmAcrossTheGap() {
        ScheduleSpec spec = ScheduleSpec.cron("*/15 * * * *", NEW_YORK);

        assertThat(spec.nextRuns(at("2026-03-08T06:30:00Z"), 5))
                .as("01:45 EST, then 03:00, 03:15, 03:30, 03:45 EDT")
                .containsExactlyElementsOf(instants(
                        "2026-03-08T06:45:00Z",
                        "2026-03-08T07:00:00Z",
                        "2026-03-08T07:15:00Z",
                        "2026-03-08T07:30:00Z",
                        "2026-03-08T07:45:00Z"));
    }

    @Test
    void cronRunsTheRepeatedHourOnceAtTheEarlierOffset() {
        ScheduleSpec hourly = ScheduleSpec.cron("0 * * * *", NEW_YORK);

        assertThat(hourly.nextRuns(at("2026-11-01T03:30:00Z"), 4))
                .as("00:00 EDT, 01:00 EDT, (01:00 EST skipped), 02:00 EST, 03:00 EST")
                .containsExactlyElementsOf(instants(
                        "2026-11-01T04:00:00Z",
                        "2026-11-01T05:00:00Z",
                        "2026-11-01T07:00:00Z",
                        "2026-11-01T08:00:00Z"));
        assertThat(hourly.minimumInterval(at("2026-11-01T03:30:00Z"), 4)).hasHours(1);
    }

    @Test
    void cronAskedFromInsideTheSecondPassWaitsForTheNextMatchAfterIt() {
        ScheduleSpec spec = ScheduleSpec.cron("*/30 1 * * *", NEW_YORK);

        assertThat(spec.nextRun(at("2026-11-01T06:10:00Z"))).contains(at("2026-11-02T06:00:00Z"));
        assertThat(spec.nextRun(at("2026-11-01T05:10:00Z"))).contains(at("2026-11-01T05:30:00Z"));
    }

    @Test
    void cronRunsOutOfOrderLocalTimesInInstantOrderAcrossAHalfHourGap() {
        // 02:20 does not exist on 10-04 and runs at 02:50; 02:35 exists and runs before it.
        ScheduleSpec spec = ScheduleSpec.cron("20,35 2 * * *", LORD_HOWE);

        assertThat(spec.nextRuns(at("2026-10-02T00:00:00Z"), 6))
                .containsExactlyElementsOf(instants(
                        "2026-10-02T15:50:00Z",
                        "2026-10-02T16:05:00Z",
                        "2026-10-03T15:35:00Z",
                        "2026-10-03T15:50:00Z",
                        "2026-10-04T15:20:00Z",
                        "2026-10-04T15:35:00Z"));
        assertThat(spec.nextRun(at("2026-10-03T15:35:00Z"))).contains(at("2026-10-03T15:50:00Z"));
        assertThat(spec.nextRun(at("2026-10-03T15:30:00Z"))).contains(at("2026-10-03T15:35:00Z"));
    }
}
