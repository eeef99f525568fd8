package io.scheduledreports.core.schedule.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Local runs placed on the time line of a zone: the schedule's DST rules live here.
 *
 * <ul>
 *   <li>A local run inside a gap happens that day, moved forward by the gap's length (02:30 becomes 03:30). If
 *       that lands on the same instant as another run, it is one run.
 *   <li>A local run inside an overlap happens once, at the earlier offset; the second pass of the repeated hour
 *       has no run, also when asked from inside it.
 * </ul>
 */
public final class ZonedRuns {
    /** Returned when there is no further run. */
    public static final long NONE = Long.MAX_VALUE;

    /** Latest local second handled; java.time cannot represent local date-times much later. */
    private static final long MAX_LOCAL = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC) - 2L * CivilDays.DAY;
    /** Earliest instant handled; an earlier "after" means "from the beginning of representable time". */
    private static final long MIN_AFTER = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC) + 2L * CivilDays.DAY;

    private final LocalRuns runs;
    private final ZoneTimeline zone;

    public ZonedRuns(LocalRuns runs, ZoneId zone) {
        this.runs = runs;
        this.zone = ZoneTimeline.of(zone);
    }

    /** The first run strictly after {@code after} (epoch seconds), as epoch seconds, or {@link #NONE}. */
    public long nextAfter(long after) {
        if (after >= MAX_LOCAL - CivilDays.DAY) {
            return NONE;
        }
        after = Math.max(after, MIN_AFTER);
        long local = runs.firstAtOrAfter(zone.localLowerBound(after) + 1);
        int offset;
        long instant;
        while (true) {
            if (local > MAX_LOCAL) {
                return NONE;
            }
            offset = zone.offsetForLocal(local);
            instant = local - offset;
            if (instant > after) {
                break;
            }
            // Every later local run with this offset up to after + offset is not after "after" either: that is
            // the second pass of a repeated hour, or the part of the day just after a gap that was already run.
            local = runs.firstAtOrAfter(Math.max(local + 1, after + offset + 1));
        }
        long gapEnd = zone.gapEnd(local);
        if (gapEnd != Long.MIN_VALUE) {
            // Shifted forward, this run competes with real local runs in the first gap-length after the gap,
            // which map onto the same stretch of instants: the earliest instant wins.
            int offsetAfter = zone.offsetForLocal(gapEnd);
            long gapLength = offsetAfter - offset;
            long later = runs.firstAtOrAfter(Math.max(gapEnd, after + offsetAfter + 1));
            if (later < gapEnd + gapLength && later - offsetAfter < instant) {
                instant = later - offsetAfter;
            }
        }
        return instant;
    }
}
