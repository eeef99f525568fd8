package io.scheduledreports.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Walks every transition of every IANA zone from 2020 to 2040 and checks daily schedules (and the equivalent
 * cron) at local times around it: just before, at the start of, inside, at the end of and just after the gap or
 * overlap.
 */
class EveryZoneTransitionTest {
    private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2041-01-01T00:00:00Z");
    private static final int DAYS = 7;

    @Test
    void dailySchedulesRunOncePerLocalDayAcrossEveryTransitionOfEveryZone() {
        Set<String> zoneIds = new TreeSet<>(ZoneId.getAvailableZoneIds());
        int transitions = 0;
        int gaps = 0;
        int overlaps = 0;
        for (String id : zoneIds) {
            ZoneId zone = ZoneId.of(id);
            ZoneRules rules = zone.getRules();
            for (ZoneOffsetTransition t = rules.nextTransition(FROM);
                    t != null && t.getInstant().isBefore(TO);
                    t = rules.nextTransition(t.getInstant())) {
                transitions++;
                if (t.isGap()) {
                    gaps++;
                } else {
                    overlaps++;
                }
                for (LocalTime time : localTimesAround(t)) {
                    check(zone, t, time);
                }
            }
        }
        assertThat(zoneIds).hasSizeGreaterThan(500);
        assertThat(transitions).as("transitions walked").isGreaterThan(5_000);
        assertThat(gaps).isGreaterThan(2_000);
        assertThat(overlaps).isGreaterThan(2_000);
    }

    private static Set<LocalTime> localTimesAround(ZoneOffsetTransition t) {
        // Local date-times where the two offsets disagree: [start, end) is missing (gap) or repeated (overlap).
        LocalDateTime start = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
        LocalDateTime end = t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
        long minutes = ChronoUnit.MINUTES.between(start, end);
        Set<LocalTime> times = new LinkedHashSet<>();
        for (LocalDateTime ldt : List.of(
                start.minusMinutes(1),
                start,
                start.plusMinutes(minutes / 2),
                end.minusMinutes(1),
                end,
                end.plusMinutes(1))) {
            times.add(ldt.toLocalTime().truncatedTo(ChronoUnit.MINUTES));
        }
        return times;
    }

    private static void check(ZoneId zone, ZoneOffsetTransition t, LocalTime time) {
        ScheduleSpec daily = ScheduleSpec.daily(time, zone);
        ScheduleSpec cron = ScheduleSpec.cron(time.getMinute() + " " + time.getHour() + " * * *", zone);
        Instant after = t.getInstant().minus(3, ChronoUnit.DAYS);
        String what = zone + " " + t + " daily at " + time;

        List<Instant> runs = daily.nextRuns(after, DAYS);
        List<Instant> expected = expectedRuns(zone, time, after, DAYS);
        assertThat(runs).as(what).isEqualTo(expected);
        assertThat(cron.nextRuns(after, DAYS)).as("cron " + what).isEqualTo(expected);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)).as(what).isAfter(runs.get(i - 1));
        }

        // The run on each local day of the transition, checked against the rule itself.
        for (LocalDate day = t.getDateTimeBefore().toLocalDate().minusDays(1);
                !day.isAfter(t.getDateTimeAfter().toLocalDate().plusDays(1));
                day = day.plusDays(1)) {
            LocalDateTime local = day.atTime(time);
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            Instant run;
            if (offsets.isEmpty()) {
                ZoneOffsetTransition gap = zone.getRules().getTransition(local);
                run = local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
                assertThat(runs)
                        .as("%s: %s is in the gap, runs shifted by %s", what, local, gap.getDuration())
                        .contains(run);
            } else if (offsets.size() == 2) {
                run = local.toInstant(offsets.get(0)).isBefore(local.toInstant(offsets.get(1)))
                        ? local.toInstant(offsets.get(0))
                        : local.toInstant(offsets.get(1));
                Instant secondPass = local.toInstant(offsets.get(0)).equals(run)
                        ? local.toInstant(offsets.get(1))
                        : local.toInstant(offsets.get(0));
                assertThat(runs)
                        .as("%s: %s repeats, runs at the earlier offset", what, local)
                        .contains(run)
                        .doesNotContain(secondPass);
                Instant nextDay = expectedRuns(zone, time, run, 1).get(0);
                assertThat(daily.nextRun(secondPass.minusSeconds(1)))
                        .as("%s: asked from inside the second pass", what)
                        .contains(nextDay);
                assertThat(daily.nextRun(secondPass)).as(what).contains(nextDay);
                assertThat(cron.nextRun(secondPass.minusSeconds(1)))
                        .as("cron " + what)
                        .contains(nextDay);
            } else {
                run = local.toInstant(offsets.get(0));
                assertThat(runs).as("%s: %s exists once", what, local).contains(run);
            }
            assertThat(daily.nextRun(run.minusSeconds(1))).as(what).contains(run);
        }
    }

    /** One run per local day, from the reference rule, the first {@code count} strictly after {@code after}. */
    private static List<Instant> expectedRuns(ZoneId zone, LocalTime time, Instant after, int count) {
        List<Instant> runs = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(after, zone).minusDays(2);
        while (runs.size() < count) {
            Instant run = reference(zone, day.atTime(time));
            if (run.isAfter(after) && (runs.isEmpty() || run.isAfter(runs.get(runs.size() - 1)))) {
                runs.add(run);
            }
            day = day.plusDays(1);
        }
        return runs;
    }

    /** The rule, spelled out: gap shifts forward by its length; overlap takes the earlier instant. */
    private static Instant reference(ZoneId zone, LocalDateTime local) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
        }
        Instant first = local.toInstant(offsets.get(0));
        Instant last = local.toInstant(offsets.get(offsets.size() - 1));
        return first.isBefore(last) ? first : last;
    }
}
