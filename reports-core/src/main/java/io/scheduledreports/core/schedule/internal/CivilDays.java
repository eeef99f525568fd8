package io.scheduledreports.core.schedule.internal;

/**
 * Proleptic Gregorian calendar arithmetic on epoch days, without allocating {@code LocalDate}s (the schedule
 * hot path calls these once or twice per computed run). Algorithms after Howard Hinnant's
 * "chrono-compatible low-level date algorithms".
 */
public final class CivilDays {
    /** Seconds per day. */
    public static final int DAY = 86_400;

    private CivilDays() {}

    /** The epoch day (days since 1970-01-01) of {@code year-month-day}. */
    public static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /**
     * The civil date of an epoch day, packed as {@code year << 9 | month << 5 | day}; read it with {@link #year},
     * {@link #month} and {@link #day}.
     */
    public static long civil(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year << 9 | (long) month << 5 | day;
    }

    public static long year(long civil) {
        return civil >> 9;
    }

    public static int month(long civil) {
        return (int) (civil >> 5) & 0xF;
    }

    public static int day(long civil) {
        return (int) civil & 0x1F;
    }

    /** ISO day of week of an epoch day, Monday = 1 ... Sunday = 7 (1970-01-01 was a Thursday). */
    public static int isoDayOfWeek(long epochDay) {
        return Math.floorMod(epochDay + 3, 7) + 1;
    }

    public static boolean isLeapYear(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    public static int lengthOfMonth(long year, int month) {
        return switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
