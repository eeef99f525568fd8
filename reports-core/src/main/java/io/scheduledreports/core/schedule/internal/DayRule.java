package io.scheduledreports.core.schedule.internal;

/**
 * The dates a schedule runs on, as epoch days: the business-day forms of {@code daily} and {@code monthly}.
 * Combined with a time of day by {@link #at(int)}.
 */
public interface DayRule {
    /** Returned when there is no further day. */
    long NONE = Long.MAX_VALUE;

    /**
     * How many months a monthly rule looks ahead before it gives up (a month may have no matching day): ten
     * years, as far as a business day is looked for.
     */
    int MAX_MONTHS = 120;

    /** The first matching epoch day at or after {@code epochDay}, or {@link #NONE}. */
    long firstAtOrAfter(long epochDay);

    /** The local runs at {@code secondOfDay} on each matching day. */
    default LocalRuns at(int secondOfDay) {
        return local -> {
            long day = Math.floorDiv(local, CivilDays.DAY);
            if (local - day * CivilDays.DAY > secondOfDay) {
                day++;
            }
            long match = firstAtOrAfter(day);
            return match == NONE ? LocalRuns.NONE : match * CivilDays.DAY + secondOfDay;
        };
    }

    /** Every business day. */
    static DayRule businessDays(BusinessDays days) {
        return days::firstAtOrAfter;
    }

    /**
     * The {@code n}th business day of each month, counted from the end when negative (-1 is the last); a month
     * with fewer business days has no run.
     */
    static DayRule nthBusinessDay(int n, BusinessDays days) {
        if (n == 0 || n < -31 || n > 31) {
            throw new IllegalArgumentException("n: must be 1-31 or -31 to -1, was " + n);
        }
        return monthly((year, month) -> {
            int length = CivilDays.lengthOfMonth(year, month);
            long first = CivilDays.epochDay(year, month, 1);
            int seen = 0;
            if (n > 0) {
                for (int d = 0; d < length; d++) {
                    if (days.isBusinessDay(first + d) && ++seen == n) {
                        return first + d;
                    }
                }
            } else {
                for (int d = length - 1; d >= 0; d--) {
                    if (days.isBusinessDay(first + d) && ++seen == -n) {
                        return first + d;
                    }
                }
            }
            return NONE;
        });
    }

    /**
     * The {@code ordinal}th {@code isoDayOfWeek} (Monday = 1) of each month, the last one when {@code ordinal} is
     * -1; a month without a fifth such day has no run for ordinal 5.
     */
    static DayRule weekdayOfMonth(int isoDayOfWeek, int ordinal) {
        if (isoDayOfWeek < 1 || isoDayOfWeek > 7) {
            throw new IllegalArgumentException("isoDayOfWeek: must be 1-7, was " + isoDayOfWeek);
        }
        if (ordinal == 0 || ordinal < -1 || ordinal > 5) {
            throw new IllegalArgumentException("ordinal: must be 1-5 or -1, was " + ordinal);
        }
        return monthly((year, month) -> weekdayOfMonth(year, month, isoDayOfWeek, ordinal));
    }

    /** The epoch day of the {@code ordinal}th (or last, -1) {@code isoDayOfWeek} of the month, or {@link #NONE}. */
    static long weekdayOfMonth(long year, int month, int isoDayOfWeek, int ordinal) {
        int length = CivilDays.lengthOfMonth(year, month);
        if (ordinal < 0) {
            long last = CivilDays.epochDay(year, month, length);
            return last - Math.floorMod(CivilDays.isoDayOfWeek(last) - isoDayOfWeek, 7);
        }
        long first = CivilDays.epochDay(year, month, 1);
        int offset = Math.floorMod(isoDayOfWeek - CivilDays.isoDayOfWeek(first), 7) + (ordinal - 1) * 7;
        return offset < length ? first + offset : NONE;
    }

    /** The one day (or none) a month has, computed per month. */
    interface DayOfMonth {
        /** The epoch day in this month, or {@link #NONE}. */
        long in(long year, int month);
    }

    /** A rule that picks at most one day per month. */
    static DayRule monthly(DayOfMonth pick) {
        return epochDay -> {
            long civil = CivilDays.civil(epochDay);
            long year = CivilDays.year(civil);
            int month = CivilDays.month(civil);
            for (int i = 0; i < MAX_MONTHS; i++) {
                long day = pick.in(year, month);
                if (day != NONE && day >= epochDay) {
                    return day;
                }
                if (++month > 12) {
                    month = 1;
                    year++;
                }
            }
            return NONE;
        };
    }
}
