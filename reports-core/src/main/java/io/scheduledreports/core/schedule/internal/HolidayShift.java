package io.scheduledreports.core.schedule.internal;

/**
 * Local runs with the runs that fall on a holiday moved to the next or previous business day, or dropped. A run
 * moved onto a day keeps its time of day; where it meets a run of that day at the same time, they are one run,
 * so a schedule with one time of day never runs twice on one date.
 */
public final class HolidayShift implements LocalRuns {
    /** What happens to a run on a holiday. */
    public enum Policy {
        NEXT_BUSINESS_DAY,
        PREVIOUS_BUSINESS_DAY,
        SKIP
    }

    private static final int DAY = CivilDays.DAY;
    private static final long SEARCH_SECONDS = (long) BusinessDays.MAX_SEARCH_DAYS * DAY;

    private final LocalRuns nominal;
    private final BusinessDays days;
    private final Policy policy;

    public HolidayShift(LocalRuns nominal, BusinessDays days, Policy policy) {
        this.nominal = nominal;
        this.days = days;
        this.policy = policy;
    }

    @Override
    public long firstAtOrAfter(long local) {
        return switch (policy) {
            case SKIP -> skip(local);
            case NEXT_BUSINESS_DAY -> next(local);
            case PREVIOUS_BUSINESS_DAY -> previous(local);
        };
    }

    private long skip(long local) {
        long cursor = local;
        while (true) {
            long n = nominal.firstAtOrAfter(cursor);
            if (n == NONE || n - local > SEARCH_SECONDS) {
                return NONE;
            }
            long day = Math.floorDiv(n, DAY);
            if (!days.isHoliday(day)) {
                return n;
            }
            cursor = (day + 1) * DAY;
        }
    }

    /**
     * Moved runs only go forward, so a run at or after {@code local} comes from a nominal run on a non-holiday
     * at or after {@code local}, or from a holiday in the stretch of non-business days just before the day of
     * {@code local}, or later. Nominal runs are visited in order until they pass the best candidate.
     */
    private long next(long local) {
        long today = Math.floorDiv(local, DAY);
        long lastBusiness = days.lastAtOrBefore(today - 1);
        long cursor = (lastBusiness == BusinessDays.NONE ? today : lastBusiness + 1) * DAY;
        long best = NONE;
        while (true) {
            long n = nominal.firstAtOrAfter(cursor);
            if (n == NONE || n >= best || n - local > SEARCH_SECONDS) {
                return best;
            }
            long day = Math.floorDiv(n, DAY);
            if (!days.isHoliday(day)) {
                if (n >= local) {
                    return Math.min(best, n);
                }
                cursor = Math.min((day + 1) * DAY, local);
                continue;
            }
            long target = days.firstAtOrAfter(day + 1);
            if (target != BusinessDays.NONE) {
                best = Math.min(best, movedRun(day, target, local));
            }
            cursor = (day + 1) * DAY;
        }
    }

    /**
     * Moved runs only go back, so visiting starts at {@code local}; it stops at the first business day after the
     * best candidate, from where every run, moved or not, is later.
     */
    private long previous(long local) {
        long cursor = local;
        long best = NONE;
        long stopDay = NONE;
        while (true) {
            long n = nominal.firstAtOrAfter(cursor);
            if (n == NONE || n - local > SEARCH_SECONDS) {
                return best;
            }
            long day = Math.floorDiv(n, DAY);
            if (day >= stopDay) {
                return best;
            }
            long candidate;
            if (!days.isHoliday(day)) {
                candidate = n;
                cursor = n + 1;
            } else {
                long target = days.lastAtOrBefore(day - 1);
                candidate = target == BusinessDays.NONE ? NONE : movedRun(day, target, local);
                cursor = (day + 1) * DAY;
            }
            if (candidate < best) {
                best = candidate;
                long after = days.firstAtOrAfter(Math.floorDiv(best, DAY) + 1);
                stopDay = after == BusinessDays.NONE ? NONE : after;
            }
        }
    }

    /** The earliest run of holiday {@code day} moved to {@code target} that is at or after {@code local}. */
    private long movedRun(long day, long target, long local) {
        long threshold = Math.max(0, local - target * DAY);
        if (threshold >= DAY) {
            return NONE;
        }
        long n = nominal.firstAtOrAfter(day * DAY + threshold);
        if (n == NONE || n >= (day + 1) * DAY) {
            return NONE;
        }
        return target * DAY + (n - day * DAY);
    }
}
