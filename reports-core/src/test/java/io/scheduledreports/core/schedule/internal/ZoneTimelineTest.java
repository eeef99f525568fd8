package io.scheduledreports.core.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The precomputed table must answer exactly like {@link ZoneRules}, inside and outside its window. */
class ZoneTimelineTest {
    private static final long FROM = Instant.parse("1850-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2250-01-01T00:00:00Z").getEpochSecond();

    @Test
    void answersLikeZoneRulesAroundEveryTransitionOfEveryZone() {
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneRules rules = ZoneId.of(id).getRules();
            ZoneTimeline timeline = ZoneTimeline.of(ZoneId.of(id));
            for (ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(FROM));
                    t != null && t.toEpochSecond() < TO;
                    t = rules.nextTransition(t.getInstant())) {
                long instant = t.toEpochSecond();
                for (long s : new long[] {instant - 1, instant, instant + 1}) {
                    assertOffsetAt(id, rules, timeline, s);
                }
                long before = t.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC);
                long after = t.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC);
                long lo = Math.min(before, after);
                long hi = Math.max(before, after);
                for (long local : new long[] {lo - 1, lo, (lo + hi) / 2, hi - 1, hi, hi + 1}) {
                    assertLocal(id, rules, timeline, local);
                }
            }
        }
    }

    @Test
    void answersLikeZoneRulesAtRandomInstantsOfEveryZone() {
        SplittableRandom random = new SplittableRandom(20_260_301);
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneRules rules = ZoneId.of(id).getRules();
            ZoneTimeline timeline = ZoneTimeline.of(ZoneId.of(id));
            for (int i = 0; i < 200; i++) {
                long s = random.nextLong(FROM, TO);
                assertOffsetAt(id, rules, timeline, s);
                assertLocal(id, rules, timeline, s);
            }
        }
    }

    @Test
    void lowerBoundReachesBackIntoTheGapJustAfterIt() {
        ZoneTimeline newYork = ZoneTimeline.of(ZoneId.of("America/New_York"));
        long gapAt = Instant.parse("2026-03-08T07:00:00Z").getEpochSecond();
        long local = LocalDateTime.parse("2026-03-08T02:00").toEpochSecond(ZoneOffset.UTC);

        assertThat(newYork.localLowerBound(gapAt - 1)).isEqualTo(local - 1);
        assertThat(newYork.localLowerBound(gapAt))
                .as("02:00 EST, not 03:00 EDT")
                .isEqualTo(local);
        assertThat(newYork.localLowerBound(gapAt + 3599)).isEqualTo(local + 3599);
        assertThat(newYork.localLowerBound(gapAt + 3600)).isEqualTo(local + 7200);
        // Same answers from the ZoneRules fallback, 300 years later.
        ZoneRules rules = ZoneId.of("America/New_York").getRules();
        ZoneOffsetTransition later = rules.nextTransition(Instant.parse("2326-03-01T00:00:00Z"));
        long laterLocal = later.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC);
        assertThat(newYork.localLowerBound(later.toEpochSecond())).isEqualTo(laterLocal);
        assertThat(newYork.localLowerBound(later.toEpochSecond() + 3600)).isEqualTo(laterLocal + 7200);
    }

    private static void assertOffsetAt(String id, ZoneRules rules, ZoneTimeline timeline, long epochSecond) {
        assertThat(timeline.offsetAt(epochSecond))
                .as("%s offset at %s", id, Instant.ofEpochSecond(epochSecond))
                .isEqualTo(rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds());
    }

    private static void assertLocal(String id, ZoneRules rules, ZoneTimeline timeline, long local) {
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        // ZoneRules.getOffset(LocalDateTime) returns the offset before the transition in gaps and overlaps.
        assertThat(timeline.offsetForLocal(local))
                .as("%s offset for local %s", id, ldt)
                .isEqualTo(rules.getOffset(ldt).getTotalSeconds());
        ZoneOffsetTransition t = rules.getTransition(ldt);
        long expectedGapEnd =
                t != null && t.isGap() ? t.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC) : Long.MIN_VALUE;
        assertThat(timeline.gapEnd(local)).as("%s gap end for %s", id, ldt).isEqualTo(expectedGapEnd);
        assertThat(timeline.toEpochSecond(local))
                .as("%s instant of local %s", id, ldt)
                .isEqualTo(ldt.atZone(ZoneId.of(id)).toEpochSecond());
    }
}
