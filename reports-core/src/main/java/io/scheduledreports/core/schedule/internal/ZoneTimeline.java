package io.scheduledreports.core.schedule.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A zone's offsets as flat arrays, so that converting between instants and local date-times is a binary search
 * over {@code long[]} instead of {@code ZoneRules} calls that allocate {@code LocalDateTime}s.
 *
 * <p>Instants are epoch seconds; a "local second" is a local date-time expressed as if it were UTC
 * ({@code LocalDateTime.toEpochSecond(ZoneOffset.UTC)}). Transitions between {@link #TABLE_START} and
 * {@link #TABLE_END} are tabulated when the timeline is first requested; outside that window every method falls
 * back to {@link ZoneRules} and gives the same answers, only slower.
 *
 * <p>The local-to-instant rule is the schedule rule: a local time inside a gap or an overlap uses the offset
 * <em>before</em> the transition. In a gap that moves the run forward by the gap's length (02:30 becomes 03:30);
 * in an overlap that is the earlier of the two instants.
 */
public final class ZoneTimeline {
    /** 1900-01-01T00:00Z: earlier instants are answered by {@link ZoneRules}. */
    public static final long TABLE_START = -2_208_988_800L;
    /** 2200-01-01T00:00Z: later instants are answered by {@link ZoneRules}. */
    public static final long TABLE_END = 7_258_118_400L;

    /** Local seconds this far inside the table window are safe to look up in the table (offsets are < 1 day). */
    private static final long LOCAL_MARGIN = 2L * CivilDays.DAY;

    /** 2^22 seconds, about 48.5 days per search bucket. */
    private static final int BUCKET_SHIFT = 22;

    private static final ConcurrentHashMap<ZoneId, ZoneTimeline> CACHE = new ConcurrentHashMap<>();

    private final ZoneRules rules;
    private final boolean tabulated;
    /** Instants of the transitions, ascending. */
    private final long[] transitions;
    /** Offset in effect before transitions[i], i.e. offsetAfter[i - 1] or the initial offset. */
    private final int[] offsetBefore;
    /** Offset in effect from transitions[i] on. */
    private final int[] offsetAfter;
    /**
     * First local second at which the offset after transitions[i] applies under the schedule rule:
     * {@code transitions[i] + max(before, after)}. Ascending (checked when building).
     */
    private final long[] localSwitch;

    /**
     * Speeds up searches: {@code instantBuckets[b]} is the index of the last transition at or before
     * {@code TABLE_START + (b << BUCKET_SHIFT)} (or -1), so a search starts there and steps forward over the
     * one or two transitions a bucket of about seven weeks can hold.
     */
    private final int[] instantBuckets;
    /** The same for {@link #localSwitch}. */
    private final int[] localBuckets;

    private final int initialOffset;

    private ZoneTimeline(ZoneRules rules) {
        this.rules = rules;
        this.initialOffset = rules.getOffset(Instant.ofEpochSecond(TABLE_START)).getTotalSeconds();
        List<ZoneOffsetTransition> list = new ArrayList<>();
        if (!rules.isFixedOffset()) {
            ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(TABLE_START));
            while (t != null && t.toEpochSecond() < TABLE_END) {
                list.add(t);
                t = rules.nextTransition(t.getInstant());
            }
        }
        int n = list.size();
        long[] instants = new long[n];
        int[] before = new int[n];
        int[] after = new int[n];
        long[] switches = new long[n];
        boolean ascending = true;
        for (int i = 0; i < n; i++) {
            ZoneOffsetTransition t = list.get(i);
            instants[i] = t.toEpochSecond();
            before[i] = t.getOffsetBefore().getTotalSeconds();
            after[i] = t.getOffsetAfter().getTotalSeconds();
            switches[i] = instants[i] + Math.max(before[i], after[i]);
            if (i > 0 && switches[i] <= switches[i - 1]) {
                ascending = false;
            }
        }
        // Never seen in tzdb; if it ever happens, ZoneRules answers everything for this zone.
        this.tabulated = ascending;
        this.transitions = instants;
        this.offsetBefore = before;
        this.offsetAfter = after;
        this.localSwitch = switches;
        this.instantBuckets = buckets(instants);
        this.localBuckets = buckets(switches);
    }

    private static int[] buckets(long[] sorted) {
        int[] buckets = new int[(int) ((TABLE_END - TABLE_START) >>> BUCKET_SHIFT) + 1];
        int i = -1;
        for (int b = 0; b < buckets.length; b++) {
            long start = TABLE_START + ((long) b << BUCKET_SHIFT);
            while (i + 1 < sorted.length && sorted[i + 1] <= start) {
                i++;
            }
            buckets[b] = i;
        }
        return buckets;
    }

    /** The timeline of {@code zone}, built once per zone and shared. */
    public static ZoneTimeline of(ZoneId zone) {
        ZoneTimeline timeline = CACHE.get(zone);
        return timeline != null ? timeline : CACHE.computeIfAbsent(zone, z -> new ZoneTimeline(z.getRules()));
    }

    /** The offset, in seconds, in effect at {@code epochSecond}. */
    public int offsetAt(long epochSecond) {
        if (!inTable(epochSecond)) {
            return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        }
        int i = lastTransitionAtOrBefore(epochSecond);
        return i < 0 ? initialOffset : offsetAfter[i];
    }

    /**
     * The smallest local second {@code L} for which a run at local {@code L} can fall strictly after
     * {@code epochSecond}, minus one. Usually that is the local time of {@code epochSecond}; shortly after a gap
     * it is earlier, because local times inside the gap are mapped to instants after the transition.
     */
    public long localLowerBound(long epochSecond) {
        if (!inTable(epochSecond)) {
            Instant at = Instant.ofEpochSecond(epochSecond);
            ZoneOffsetTransition t = rules.previousTransition(at.plusSeconds(1));
            if (t != null
                    && t.isGap()
                    && epochSecond - t.toEpochSecond() < t.getDuration().getSeconds()) {
                return epochSecond + t.getOffsetBefore().getTotalSeconds();
            }
            return epochSecond + rules.getOffset(at).getTotalSeconds();
        }
        int i = lastTransitionAtOrBefore(epochSecond);
        if (i < 0) {
            return epochSecond + initialOffset;
        }
        int before = offsetBefore[i];
        int after = offsetAfter[i];
        if (after > before && epochSecond - transitions[i] < after - before) {
            return epochSecond + before;
        }
        return epochSecond + after;
    }

    /**
     * The offset, in seconds, that the schedule rule applies to local second {@code local}: the only valid
     * offset, or the offset before the transition when {@code local} is in a gap or an overlap.
     */
    public int offsetForLocal(long local) {
        if (!localInTable(local)) {
            return rules.getOffset(toLocalDateTime(local)).getTotalSeconds();
        }
        int i = lastSwitchAtOrBefore(local);
        return i < 0 ? initialOffset : offsetAfter[i];
    }

    /** The instant (epoch second) of a run at local second {@code local} under the schedule rule. */
    public long toEpochSecond(long local) {
        return local - offsetForLocal(local);
    }

    /**
     * If {@code local} does not exist (falls in a gap), the first local second after the gap; otherwise
     * {@link Long#MIN_VALUE}.
     */
    public long gapEnd(long local) {
        if (!localInTable(local)) {
            ZoneOffsetTransition t = rules.getTransition(toLocalDateTime(local));
            return t != null && t.isGap() ? t.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC) : Long.MIN_VALUE;
        }
        int next = lastSwitchAtOrBefore(local) + 1;
        if (next < transitions.length
                && offsetAfter[next] > offsetBefore[next]
                && local >= transitions[next] + offsetBefore[next]) {
            return localSwitch[next];
        }
        return Long.MIN_VALUE;
    }

    private boolean inTable(long epochSecond) {
        return tabulated && epochSecond >= TABLE_START && epochSecond < TABLE_END;
    }

    private boolean localInTable(long local) {
        return tabulated && local >= TABLE_START + LOCAL_MARGIN && local < TABLE_END - LOCAL_MARGIN;
    }

    private int lastTransitionAtOrBefore(long epochSecond) {
        return lastAtOrBefore(transitions, instantBuckets, epochSecond);
    }

    private int lastSwitchAtOrBefore(long local) {
        return lastAtOrBefore(localSwitch, localBuckets, local);
    }

    /** Index of the last element {@code <= key}, or -1; {@code key} within the table window. */
    private static int lastAtOrBefore(long[] sorted, int[] buckets, long key) {
        int i = buckets[(int) ((key - TABLE_START) >>> BUCKET_SHIFT)];
        while (i + 1 < sorted.length && sorted[i + 1] <= key) {
            i++;
        }
        return i;
    }

    private static LocalDateTime toLocalDateTime(long local) {
        return LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
    }
}
