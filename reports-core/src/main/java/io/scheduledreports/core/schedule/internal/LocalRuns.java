package io.scheduledreports.core.schedule.internal;

/**
 * The local date-times at which a schedule runs, before any zone is applied: a sorted, usually infinite
 * sequence of local seconds ({@code LocalDateTime.toEpochSecond(ZoneOffset.UTC)}).
 */
public interface LocalRuns {
    /** Returned when there is no further local run. */
    long NONE = Long.MAX_VALUE;

    /** The first local run at or after {@code local}, or {@link #NONE}. */
    long firstAtOrAfter(long local);

    /** Every day at {@code secondOfDay}. */
    static LocalRuns daily(int secondOfDay) {
        return local -> {
            long day = Math.floorDiv(local, CivilDays.DAY);
            long candidate = day * CivilDays.DAY + secondOfDay;
            return candidate >= local ? candidate : candidate + CivilDays.DAY;
        };
    }

    /** On the ISO days of week in {@code isoDaysMask} (bit 1 = Monday ... bit 7 = Sunday) at {@code secondOfDay}. */
    static LocalRuns weekly(int isoDaysMask, int secondOfDay) {
        if ((isoDaysMask & 0xFE) == 0 || (isoDaysMask & ~0xFE) != 0) {
            throw new IllegalArgumentException("isoDaysMask: must select days 1-7, was " + isoDaysMask);
        }
        // skip[d] = days from ISO day d to the next selected day, d itself included.
        int[] skip = new int[8];
        for (int d = 1; d <= 7; d++) {
            int k = 0;
            while ((isoDaysMask & 1 << ((d - 1 + k) % 7 + 1)) == 0) {
                k++;
            }
            skip[d] = k;
        }
        return local -> {
            long day = Math.floorDiv(local, CivilDays.DAY);
            if (local - day * CivilDays.DAY > secondOfDay) {
                day++;
            }
            day += skip[CivilDays.isoDayOfWeek(day)];
            return day * CivilDays.DAY + secondOfDay;
        };
    }

    /**
     * On {@code dayOfMonth} of every month at {@code secondOfDay}, clamped to the month's last day; a
     * {@code dayOfMonth} of 31 therefore means "the last day".
     */
    static LocalRuns monthly(int dayOfMonth, int secondOfDay) {
        if (dayOfMonth < 1 || dayOfMonth > 31) {
            throw new IllegalArgumentException("dayOfMonth: must be 1-31, was " + dayOfMonth);
        }
        return local -> {
            long day = Math.floorDiv(local, CivilDays.DAY);
            if (local - day * CivilDays.DAY > secondOfDay) {
                day++;
            }
            long civil = CivilDays.civil(day);
            long year = CivilDays.year(civil);
            int month = CivilDays.month(civil);
            int target = Math.min(dayOfMonth, CivilDays.lengthOfMonth(year, month));
            int today = CivilDays.day(civil);
            if (today <= target) {
                return (day + target - today) * CivilDays.DAY + secondOfDay;
            }
            if (++month > 12) {
                month = 1;
                year++;
            }
            target = Math.min(dayOfMonth, CivilDays.lengthOfMonth(year, month));
            return CivilDays.epochDay(year, month, target) * CivilDays.DAY + secondOfDay;
        };
    }

    /** Once, at {@code local}. */
    static LocalRuns once(long at) {
        return local -> local <= at ? at : NONE;
    }
}
