package io.scheduledreports.core.schedule.internal;

import io.scheduledreports.spi.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link HolidayCalendar} as the schedule hot path reads it: holidays of a year asked once and kept as bits,
 * days of week as a mask, epoch days instead of {@code LocalDate}s. One instance per calendar instance, shared.
 */
public final class BusinessDays {
    /** Returned when no business day is found within {@link #MAX_SEARCH_DAYS}. */
    public static final long NONE = Long.MAX_VALUE;

    /** How far the search for a business day goes: ten years without one means "none". */
    public static final int MAX_SEARCH_DAYS = 3_660;

    private static final int CACHE_SIZE = 256;
    private static final int YEARS_PER_CALENDAR = 512;
    private static final int TABLE_FIRST_YEAR = 1900;
    private static final int TABLE_YEARS = 300;
    private static final Map<HolidayCalendar, BusinessDays> CACHE = new ConcurrentHashMap<>();
    private static final BusinessDays WEEKDAYS = new BusinessDays(HolidayCalendar.weekdays());

    private final HolidayCalendar calendar;
    /** Bit ISO day of week (Monday = 1) set for weekend days. */
    private final int weekendMask;

    /** Years 1900-2199 by index; a racy read sees null or a complete, immutable Year. */
    private final Year[] table = new Year[TABLE_YEARS];

    private final Map<Long, Year> years = new ConcurrentHashMap<>();
    private volatile Year last;

    /** The holidays of one year: bit (epochDay - start) set when that day is a holiday. */
    private record Year(long year, long start, int length, long[] holidays) {}

    private BusinessDays(HolidayCalendar calendar) {
        this.calendar = calendar;
        Set<DayOfWeek> weekend = calendar.weekend();
        if (weekend == null || weekend.size() > 6) {
            throw new IllegalArgumentException(
                    "weekend: must be 0-6 days so that every week has a business day, was " + weekend);
        }
        int mask = 0;
        for (DayOfWeek day : weekend) {
            mask |= 1 << day.getValue();
        }
        this.weekendMask = mask;
    }

    /**
     * The shared view of {@code calendar}.
     *
     * @throws IllegalArgumentException if the calendar's weekend has seven days
     */
    public static BusinessDays of(HolidayCalendar calendar) {
        if (calendar == HolidayCalendar.weekdays()) {
            return WEEKDAYS;
        }
        BusinessDays cached = CACHE.get(calendar);
        if (cached != null) {
            return cached;
        }
        BusinessDays created = new BusinessDays(calendar);
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear(); // bounded; rebuilding only costs time
        }
        BusinessDays raced = CACHE.putIfAbsent(calendar, created);
        return raced != null ? raced : created;
    }

    /** The calendar this view reads. */
    public HolidayCalendar calendar() {
        return calendar;
    }

    /** Whether the epoch day is on a weekend day of the calendar. */
    public boolean isWeekend(long epochDay) {
        return (weekendMask & 1 << CivilDays.isoDayOfWeek(epochDay)) != 0;
    }

    /** Whether the calendar names the epoch day a holiday. */
    public boolean isHoliday(long epochDay) {
        Year year = last;
        if (year == null || epochDay < year.start || epochDay >= year.start + year.length) {
            year = year(CivilDays.year(CivilDays.civil(epochDay)));
            last = year;
        }
        int index = (int) (epochDay - year.start);
        return (year.holidays[index >>> 6] & 1L << index) != 0;
    }

    /** Whether the epoch day is neither a weekend day nor a holiday. */
    public boolean isBusinessDay(long epochDay) {
        return !isWeekend(epochDay) && !isHoliday(epochDay);
    }

    /** The first business day at or after {@code epochDay}, or {@link #NONE}. */
    public long firstAtOrAfter(long epochDay) {
        for (int i = 0; i < MAX_SEARCH_DAYS; i++) {
            if (isBusinessDay(epochDay + i)) {
                return epochDay + i;
            }
        }
        return NONE;
    }

    /** The last business day at or before {@code epochDay}, or {@link #NONE}. */
    public long lastAtOrBefore(long epochDay) {
        for (int i = 0; i < MAX_SEARCH_DAYS; i++) {
            if (isBusinessDay(epochDay - i)) {
                return epochDay - i;
            }
        }
        return NONE;
    }

    private Year year(long year) {
        if (year >= TABLE_FIRST_YEAR && year - TABLE_FIRST_YEAR < TABLE_YEARS) {
            int index = (int) (year - TABLE_FIRST_YEAR);
            Year cached = table[index];
            if (cached == null) {
                cached = compute(year);
                table[index] = cached;
            }
            return cached;
        }
        Year known = years.get(year);
        if (known != null) {
            return known;
        }
        if (years.size() >= YEARS_PER_CALENDAR) {
            years.clear();
        }
        Year computed = compute(year);
        years.put(year, computed);
        return computed;
    }

    private Year compute(long year) {
        long start = CivilDays.epochDay(year, 1, 1);
        int length = CivilDays.isLeapYear(year) ? 366 : 365;
        long[] bits = new long[6];
        for (int i = 0; i < length; i++) {
            boolean holiday;
            try {
                holiday = calendar.isHoliday(LocalDate.ofEpochDay(start + i));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "holiday_calendar: " + calendar + " failed on " + LocalDate.ofEpochDay(start + i), e);
            }
            if (holiday) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        return new Year(year, start, length, bits);
    }
}
