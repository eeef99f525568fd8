package io.scheduledreports.core.schedule;

import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.schedule.internal.BusinessDays;
import io.scheduledreports.core.schedule.internal.CronRuns;
import io.scheduledreports.core.schedule.internal.DayRule;
import io.scheduledreports.core.schedule.internal.HolidayShift;
import io.scheduledreports.core.schedule.internal.LocalRuns;
import io.scheduledreports.core.schedule.internal.ScheduleJson;
import io.scheduledreports.core.schedule.internal.ZonedRuns;
import io.scheduledreports.spi.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * When a report runs: an immutable schedule in a time zone, read from and written to the JSON shape of the
 * REST API.
 *
 * <pre>{@code
 * ScheduleSpec spec = ScheduleSpec.fromJson("""
 *     {"cadence": "weekly", "day_of_week": 1, "time": "09:00", "timezone": "America/New_York"}""");
 * List<Instant> upcoming = spec.nextRuns(Instant.now(), 5);
 * }</pre>
 *
 * <p>JSON fields (snake_case), by cadence:
 *
 * <ul>
 *   <li>{@code daily}: {@code time} ("HH:mm"), {@code timezone}
 *   <li>{@code weekly}: {@code time}, {@code day_of_week} (1-7, Monday = 1, or a list of them), {@code timezone}
 *   <li>{@code monthly}: {@code time}, {@code day_of_month} (1-31 or "last"), {@code timezone}; days 29-31 run on
 *       the last day of shorter months
 *   <li>{@code cron}: {@code cron_expression} (Unix: minute hour day-of-month month day-of-week, or 6 fields with
 *       seconds first), {@code timezone}
 *   <li>{@code once}: {@code run_at} (local date-time "2026-03-01T09:00"), {@code timezone}
 * </ul>
 *
 * <p>Business days (optional fields):
 *
 * <ul>
 *   <li>{@code daily} with {@code "business_days": true} runs on business days only: not on the weekend of the
 *       {@code holiday_calendar} (Saturday and Sunday without one) and not on its holidays.
 *   <li>{@code monthly} {@code day_of_month} also takes {@code "first_business_day"}, {@code "last_business_day"},
 *       {@code {"business_day": N}} (the Nth business day, counted from the end when negative; a month with fewer
 *       has no run) and {@code {"weekday": "MON", "ordinal": 1}} (ordinal 1-5, or -1 for the last; a month without
 *       a fifth such day has no run).
 *   <li>{@code holiday_calendar} (any cadence) names a calendar registered with the host; a run of the other forms
 *       that falls on one of its holidays moves as {@code on_holiday} says ({@link OnHoliday}, default
 *       {@code NEXT_BUSINESS_DAY}); business-day forms never fall on a holiday and take no {@code on_holiday}.
 *   <li>{@code cron} also takes the Quartz day forms {@code L}, {@code L-3}, {@code LW}, {@code 15W},
 *       {@code FRI#2}, {@code 5L} (see the README).
 * </ul>
 *
 * <p>Times are wall-clock times in {@code timezone} (an IANA zone id); the computed runs are instants. Across
 * daylight-saving changes:
 *
 * <ul>
 *   <li>a run whose local time does not exist that day (a gap) happens that day, moved forward by the length of
 *       the gap: 02:30 on a day that jumps from 02:00 to 03:00 runs at 03:30. No day is skipped.
 *   <li>a run whose local time exists twice (an overlap) happens once, at the earlier offset. Asked from inside
 *       the repeated hour, the next run is the next one after that, not a second run of the same day.
 * </ul>
 *
 * <p>The same rules apply to each local date-time a cron expression matches. Invalid input throws
 * {@link InvalidScheduleException} naming the field. Instances are thread-safe and cheap to query.
 */
public final class ScheduleSpec {
    /** The most runs {@link #nextRuns} returns in one call. */
    public static final int MAX_RUNS = 10_000;

    /**
     * What {@link #minimumInterval} returns for a schedule that does not run twice (a {@code once} schedule, or
     * one already past its last run): the longest {@link Duration}, so that "at least 1 h apart" checks pass.
     */
    public static final Duration NO_REPEAT = ChronoUnit.FOREVER.getDuration();

    /** Longest cron expression accepted (a real one is under 100 characters; parsing a huge one is slow). */
    public static final int MAX_CRON_LENGTH = 200;

    private static final int LAST_DAY = -1;

    private final Cadence cadence;
    private final ZoneId zone;
    private final LocalTime time;
    private final Set<DayOfWeek> daysOfWeek;
    private final int dayOfMonth;
    private final String cronExpression;
    private final LocalDateTime runAt;
    private final boolean businessDays;
    private final int businessDayOfMonth;
    private final DayOfWeek weekdayOfMonth;
    private final int weekdayOrdinal;
    private final String holidayCalendarName;
    private final HolidayCalendar holidayCalendar;
    private final OnHoliday onHoliday;
    private final ZonedRuns runs;
    /** The runs before holiday moves and the business days they move by; null when nothing moves. */
    private final LocalRuns unmoved;

    private final BusinessDays movedBy;

    private ScheduleSpec(Builder b, LocalRuns localRuns) {
        this.cadence = b.cadence;
        this.zone = b.zone;
        this.time = b.time;
        this.daysOfWeek = b.daysOfWeek == null
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(b.daysOfWeek));
        this.dayOfMonth = b.dayOfMonth;
        this.cronExpression = b.cronExpression;
        this.runAt = b.runAt;
        this.businessDays = b.businessDays;
        this.businessDayOfMonth = b.businessDayOfMonth;
        this.weekdayOfMonth = b.weekdayOfMonth;
        this.weekdayOrdinal = b.weekdayOrdinal;
        this.holidayCalendarName = b.holidayCalendarName;
        this.holidayCalendar = b.holidayCalendar;
        this.onHoliday = b.holidayCalendar == null || b.isBusinessDayForm()
                ? null
                : b.onHoliday == null ? OnHoliday.NEXT_BUSINESS_DAY : b.onHoliday;
        this.runs = new ZonedRuns(localRuns, zone);
        this.unmoved = b.unmoved;
        this.movedBy = b.movedBy;
    }

    /**
     * Reads a schedule from its JSON object.
     *
     * @throws InvalidScheduleException if the JSON is malformed, has an unknown key or a key the cadence does not
     *     use, misses a required key, or has a value that breaks its rule; the exception names the field
     */
    public static ScheduleSpec fromJson(String json) {
        return ScheduleJson.read(json, HolidayCalendars.none());
    }

    /**
     * Reads a schedule from its JSON object, resolving its {@code holiday_calendar} by name in {@code calendars}.
     *
     * @throws InvalidScheduleException as {@link #fromJson(String)} does, and naming {@code holiday_calendar} when
     *     {@code calendars} has no calendar by that name
     */
    public static ScheduleSpec fromJson(String json, HolidayCalendars calendars) {
        if (calendars == null) {
            throw new IllegalArgumentException("calendars: must not be null, use HolidayCalendars.none()");
        }
        return ScheduleJson.read(json, calendars);
    }

    /** The JSON object of this schedule; {@code fromJson(toJson())} equals this schedule. */
    public String toJson() {
        return ScheduleJson.write(this);
    }

    /** A new builder; {@link Builder#build()} checks that the fields fit the cadence. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every day at {@code time} in {@code zone}. */
    public static ScheduleSpec daily(LocalTime time, ZoneId zone) {
        return builder().cadence(Cadence.DAILY).time(time).zone(zone).build();
    }

    /** Every week on {@code day} at {@code time} in {@code zone}. */
    public static ScheduleSpec weekly(DayOfWeek day, LocalTime time, ZoneId zone) {
        return builder()
                .cadence(Cadence.WEEKLY)
                .daysOfWeek(day)
                .time(time)
                .zone(zone)
                .build();
    }

    /** Every week on each of {@code days} at {@code time} in {@code zone}. */
    public static ScheduleSpec weekly(Set<DayOfWeek> days, LocalTime time, ZoneId zone) {
        return builder()
                .cadence(Cadence.WEEKLY)
                .daysOfWeek(days)
                .time(time)
                .zone(zone)
                .build();
    }

    /**
     * Every month on {@code dayOfMonth} (1-31) at {@code time} in {@code zone}; 29, 30 and 31 run on the last day
     * of months that are shorter.
     */
    public static ScheduleSpec monthly(int dayOfMonth, LocalTime time, ZoneId zone) {
        return builder()
                .cadence(Cadence.MONTHLY)
                .dayOfMonth(dayOfMonth)
                .time(time)
                .zone(zone)
                .build();
    }

    /** Every month on its last day at {@code time} in {@code zone}. */
    public static ScheduleSpec monthlyOnLastDay(LocalTime time, ZoneId zone) {
        return builder()
                .cadence(Cadence.MONTHLY)
                .lastDayOfMonth()
                .time(time)
                .zone(zone)
                .build();
    }

    /** Every business day (Monday to Friday unless {@code calendar} says otherwise, no holidays) at {@code time}. */
    public static ScheduleSpec businessDays(LocalTime time, ZoneId zone) {
        return builder()
                .cadence(Cadence.DAILY)
                .businessDays(true)
                .time(time)
                .zone(zone)
                .build();
    }

    /** Whenever the Unix cron {@code expression} matches the wall clock in {@code zone}. */
    public static ScheduleSpec cron(String expression, ZoneId zone) {
        return builder()
                .cadence(Cadence.CRON)
                .cronExpression(expression)
                .zone(zone)
                .build();
    }

    /** Once, at local {@code runAt} in {@code zone}. */
    public static ScheduleSpec once(LocalDateTime runAt, ZoneId zone) {
        return builder().cadence(Cadence.ONCE).runAt(runAt).zone(zone).build();
    }

    /** How often this schedule runs. */
    public Cadence cadence() {
        return cadence;
    }

    /** The zone whose wall clock the schedule follows. */
    public ZoneId zone() {
        return zone;
    }

    /** The wall-clock time of day ({@code daily}, {@code weekly}, {@code monthly}), whole minutes. */
    public Optional<LocalTime> time() {
        return Optional.ofNullable(time);
    }

    /** The days a {@code weekly} schedule runs on; empty for other cadences. */
    public Set<DayOfWeek> daysOfWeek() {
        return daysOfWeek;
    }

    /**
     * The day of the month (1-31) of a {@code monthly} schedule; empty for other cadences and for
     * {@link #isLastDayOfMonth() "last"}.
     */
    public OptionalInt dayOfMonth() {
        return dayOfMonth > 0 ? OptionalInt.of(dayOfMonth) : OptionalInt.empty();
    }

    /** Whether this is a {@code monthly} schedule on the last day of each month ({@code "last"}). */
    public boolean isLastDayOfMonth() {
        return dayOfMonth == LAST_DAY;
    }

    /** The cron expression of a {@code cron} schedule, whitespace normalised. */
    public Optional<String> cronExpression() {
        return Optional.ofNullable(cronExpression);
    }

    /** The local date-time of a {@code once} schedule. */
    public Optional<LocalDateTime> runAt() {
        return Optional.ofNullable(runAt);
    }

    /** Whether a {@code daily} schedule runs on business days only ({@code business_days}). */
    public boolean isBusinessDays() {
        return businessDays;
    }

    /**
     * The business day of the month of a {@code monthly} schedule: 1 for {@code first_business_day}, -1 for
     * {@code last_business_day}, N or -N for {@code {"business_day": N}}; empty for other forms.
     */
    public OptionalInt businessDayOfMonth() {
        return businessDayOfMonth != 0 ? OptionalInt.of(businessDayOfMonth) : OptionalInt.empty();
    }

    /** The day of week of a {@code monthly} schedule on the nth weekday ({@code {"weekday", "ordinal"}}). */
    public Optional<DayOfWeek> weekdayOfMonth() {
        return Optional.ofNullable(weekdayOfMonth);
    }

    /** The ordinal (1-5, or -1 for the last) of {@link #weekdayOfMonth()}; 0 when there is none. */
    public int weekdayOrdinal() {
        return weekdayOrdinal;
    }

    /** The name of the holiday calendar ({@code holiday_calendar}). */
    public Optional<String> holidayCalendarName() {
        return Optional.ofNullable(holidayCalendarName);
    }

    /** The holiday calendar the name resolved to when the schedule was read. */
    public Optional<HolidayCalendar> holidayCalendar() {
        return Optional.ofNullable(holidayCalendar);
    }

    /**
     * What a run on a holiday does; empty without a holiday calendar and for the business-day forms, which never
     * fall on a holiday.
     */
    public Optional<OnHoliday> onHoliday() {
        return Optional.ofNullable(onHoliday);
    }

    /**
     * The first run strictly after {@code after}, or empty if there is none (a {@code once} schedule that has run,
     * or a run beyond the range of {@link LocalDateTime}).
     *
     * @throws IllegalArgumentException if {@code after} is null
     */
    public Optional<Instant> nextRun(Instant after) {
        if (after == null) {
            throw new IllegalArgumentException("after: must not be null");
        }
        long next = runs.nextAfter(after.getEpochSecond());
        return next == ZonedRuns.NONE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(next));
    }

    /**
     * The next {@code count} runs strictly after {@code after}, in increasing order; fewer when the schedule ends
     * ({@code once}).
     *
     * @param after the instant after which runs are wanted (exclusive)
     * @param count how many runs, 0 to {@value #MAX_RUNS}
     * @throws IllegalArgumentException if {@code after} is null or {@code count} is out of range
     */
    public List<Instant> nextRuns(Instant after, int count) {
        if (after == null) {
            throw new IllegalArgumentException("after: must not be null");
        }
        checkCount("count", count, 0);
        List<Instant> result = new ArrayList<>(Math.min(count, 64));
        long at = after.getEpochSecond();
        while (result.size() < count) {
            at = runs.nextAfter(at);
            if (at == ZonedRuns.NONE) {
                break;
            }
            result.add(Instant.ofEpochSecond(at));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * The date a run was moved from because that date is a holiday in the schedule's {@code holiday_calendar}
     * ({@code on_holiday} {@code NEXT_BUSINESS_DAY} or {@code PREVIOUS_BUSINESS_DAY}); empty for a run on its own
     * date. When several holidays in a row move onto one run, the one nearest to it is named. A moved run that
     * meets the day's own run at the same time is one run, on its own date, and is not reported as moved.
     *
     * @param run a run of this schedule, as {@link #nextRuns} returns it
     * @throws IllegalArgumentException if {@code run} is null
     */
    public Optional<LocalDate> movedFrom(Instant run) {
        if (run == null) {
            throw new IllegalArgumentException("run: must not be null");
        }
        if (unmoved == null || onHoliday == OnHoliday.SKIP) {
            return Optional.empty();
        }
        long local = LocalDateTime.ofInstant(run, zone).toEpochSecond(ZoneOffset.UTC);
        int dayLength = io.scheduledreports.core.schedule.internal.CivilDays.DAY;
        long day = Math.floorDiv(local, dayLength);
        long second = local - day * dayLength;
        if (unmoved.firstAtOrAfter(local) == local && !movedBy.isHoliday(day)) {
            return Optional.empty();
        }
        int step = onHoliday == OnHoliday.NEXT_BUSINESS_DAY ? -1 : 1;
        for (int i = 1; i <= BusinessDays.MAX_SEARCH_DAYS; i++) {
            long from = day + (long) step * i;
            if (movedBy.isBusinessDay(from)) {
                break;
            }
            long at = from * dayLength + second;
            if (movedBy.isHoliday(from) && unmoved.firstAtOrAfter(at) == at) {
                return Optional.of(LocalDate.ofEpochDay(from));
            }
        }
        return Optional.empty();
    }

    /**
     * The shortest time between two consecutive runs among the next {@code samples} runs after {@code from}, for
     * checks such as "at least one hour between runs". DST changes are included: an hourly cron is 2 hours apart
     * across an overlap and a run shifted out of a gap may come closer to the next one. Returns {@link #NO_REPEAT}
     * when fewer than two runs remain (a {@code once} schedule).
     *
     * @param from the instant after which runs are sampled (exclusive)
     * @param samples how many runs to look at, 2 to {@value #MAX_RUNS}
     * @throws IllegalArgumentException if {@code from} is null or {@code samples} is out of range
     */
    public Duration minimumInterval(Instant from, int samples) {
        if (from == null) {
            throw new IllegalArgumentException("from: must not be null");
        }
        checkCount("samples", samples, 2);
        long previous = runs.nextAfter(from.getEpochSecond());
        long smallest = Long.MAX_VALUE;
        for (int i = 1; i < samples && previous != ZonedRuns.NONE; i++) {
            long next = runs.nextAfter(previous);
            if (next != ZonedRuns.NONE) {
                smallest = Math.min(smallest, next - previous);
            }
            previous = next;
        }
        return smallest == Long.MAX_VALUE ? NO_REPEAT : Duration.ofSeconds(smallest);
    }

    private static void checkCount(String name, int value, int min) {
        if (value < min || value > MAX_RUNS) {
            throw new IllegalArgumentException(name + ": must be " + min + "-" + MAX_RUNS + ", was " + value
                    + (value > MAX_RUNS
                            ? "; page through later runs by asking again after the last one returned"
                            : ""));
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof ScheduleSpec other
                        && cadence == other.cadence
                        && zone.equals(other.zone)
                        && Objects.equals(time, other.time)
                        && daysOfWeek.equals(other.daysOfWeek)
                        && dayOfMonth == other.dayOfMonth
                        && Objects.equals(cronExpression, other.cronExpression)
                        && Objects.equals(runAt, other.runAt)
                        && businessDays == other.businessDays
                        && businessDayOfMonth == other.businessDayOfMonth
                        && weekdayOfMonth == other.weekdayOfMonth
                        && weekdayOrdinal == other.weekdayOrdinal
                        && Objects.equals(holidayCalendarName, other.holidayCalendarName)
                        && onHoliday == other.onHoliday;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                cadence,
                zone,
                time,
                daysOfWeek,
                dayOfMonth,
                cronExpression,
                runAt,
                businessDays,
                businessDayOfMonth,
                weekdayOfMonth,
                weekdayOrdinal,
                holidayCalendarName,
                onHoliday);
    }

    /** The JSON form, e.g. {@code ScheduleSpec{"cadence":"daily","time":"09:00","timezone":"Europe/Berlin"}}. */
    @Override
    public String toString() {
        return "ScheduleSpec" + toJson();
    }

    /**
     * Builds a {@link ScheduleSpec}. Each setter checks its value at once; {@link #build()} checks that the
     * fields present are exactly those the cadence uses. Errors are {@link InvalidScheduleException}s named
     * after the JSON fields.
     */
    public static final class Builder {
        private Cadence cadence;
        private ZoneId zone;
        private LocalTime time;
        private EnumSet<DayOfWeek> daysOfWeek;
        private int dayOfMonth;
        private String cronExpression;
        private LocalRuns cronRuns;
        private LocalDateTime runAt;
        private boolean businessDays;
        private int businessDayOfMonth;
        private DayOfWeek weekdayOfMonth;
        private int weekdayOrdinal;
        private String holidayCalendarName;
        private HolidayCalendar holidayCalendar;
        private LocalRuns unmoved;
        private BusinessDays movedBy;
        private OnHoliday onHoliday;

        private Builder() {}

        /** How often the schedule runs (required). */
        public Builder cadence(Cadence cadence) {
            if (cadence == null) {
                throw new InvalidScheduleException("cadence", "must be one of " + cadenceNames() + ", was null");
            }
            this.cadence = cadence;
            return this;
        }

        /** The zone whose wall clock the schedule follows (required). */
        public Builder zone(ZoneId zone) {
            if (zone == null) {
                throw new InvalidScheduleException(
                        "timezone", "must be an IANA zone id such as 'Europe/Berlin', was null");
            }
            this.zone = zone;
            return this;
        }

        /** Time of day for {@code daily}, {@code weekly} and {@code monthly}; whole minutes. */
        public Builder time(LocalTime time) {
            if (time == null || time.getSecond() != 0 || time.getNano() != 0) {
                throw new InvalidScheduleException("time", "must be HH:mm (00:00-23:59), was " + time);
            }
            this.time = time;
            return this;
        }

        /** Days of the week for {@code weekly}; at least one. */
        public Builder daysOfWeek(DayOfWeek first, DayOfWeek... more) {
            List<DayOfWeek> days = new ArrayList<>();
            days.add(first);
            if (more != null) {
                Collections.addAll(days, more);
            }
            return daysOfWeek(days);
        }

        /** Days of the week for {@code weekly}; at least one, no repeats. */
        public Builder daysOfWeek(Collection<DayOfWeek> days) {
            if (days == null || days.isEmpty() || days.contains(null)) {
                throw new InvalidScheduleException(
                        "day_of_week", "must list at least one day 1-7 (Monday=1), was " + days);
            }
            EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek day : days) {
                if (!set.add(day)) {
                    throw new InvalidScheduleException(
                            "day_of_week", "lists day " + day.getValue() + " (" + day + ") twice");
                }
            }
            this.daysOfWeek = set;
            return this;
        }

        /** Day of the month (1-31) for {@code monthly}; 29-31 run on the last day of shorter months. */
        public Builder dayOfMonth(int dayOfMonth) {
            if (dayOfMonth < 1 || dayOfMonth > 31) {
                throw new InvalidScheduleException("day_of_month", "must be 1-31 or \"last\", was " + dayOfMonth);
            }
            clearDayOfMonth();
            this.dayOfMonth = dayOfMonth;
            return this;
        }

        /** Runs a {@code monthly} schedule on the last day of each month. */
        public Builder lastDayOfMonth() {
            clearDayOfMonth();
            this.dayOfMonth = LAST_DAY;
            return this;
        }

        /**
         * Runs a {@code monthly} schedule on the {@code n}th business day of each month, counted from the end when
         * negative: 1 is {@code first_business_day}, -1 {@code last_business_day}. A month with fewer business
         * days has no run.
         */
        public Builder businessDayOfMonth(int n) {
            if (n == 0 || n < -31 || n > 31) {
                throw new InvalidScheduleException(
                        "day_of_month", "business_day must be 1-31 or -31 to -1 (from the end), was " + n);
            }
            clearDayOfMonth();
            this.businessDayOfMonth = n;
            return this;
        }

        /**
         * Runs a {@code monthly} schedule on the {@code ordinal}th {@code day} of each month (1-5), or the last one
         * (-1). A month without a fifth such day has no run.
         */
        public Builder weekdayOfMonth(DayOfWeek day, int ordinal) {
            if (day == null) {
                throw new InvalidScheduleException("day_of_month", "weekday must be MON-SUN, was null");
            }
            if (ordinal == 0 || ordinal < -1 || ordinal > 5) {
                throw new InvalidScheduleException(
                        "day_of_month", "ordinal must be 1-5 or -1 (the last), was " + ordinal);
            }
            clearDayOfMonth();
            this.weekdayOfMonth = day;
            this.weekdayOrdinal = ordinal;
            return this;
        }

        private void clearDayOfMonth() {
            dayOfMonth = 0;
            businessDayOfMonth = 0;
            weekdayOfMonth = null;
            weekdayOrdinal = 0;
        }

        /** Whether a {@code daily} schedule runs on business days only. */
        public Builder businessDays(boolean businessDays) {
            this.businessDays = businessDays;
            return this;
        }

        /**
         * The holiday calendar, by the name the JSON uses and the calendar it stands for; it also sets the
         * weekend of business-day forms.
         */
        public Builder holidayCalendar(String name, HolidayCalendar calendar) {
            try {
                HolidayCalendars.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException(
                        "holiday_calendar", e.getMessage().substring("holiday_calendar: ".length()));
            }
            if (calendar == null) {
                throw new InvalidScheduleException("holiday_calendar", "calendar for '" + name + "' must not be null");
            }
            try {
                BusinessDays.of(calendar);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException("holiday_calendar", "'" + name + "' " + e.getMessage(), e);
            }
            this.holidayCalendarName = name;
            this.holidayCalendar = calendar;
            return this;
        }

        /** What a run on a holiday does; needs a holiday calendar; default {@link OnHoliday#NEXT_BUSINESS_DAY}. */
        public Builder onHoliday(OnHoliday onHoliday) {
            if (onHoliday == null) {
                throw new InvalidScheduleException(
                        "on_holiday", "must be NEXT_BUSINESS_DAY, PREVIOUS_BUSINESS_DAY or SKIP, was null");
            }
            this.onHoliday = onHoliday;
            return this;
        }

        private boolean isBusinessDayForm() {
            return businessDays || businessDayOfMonth != 0;
        }

        /**
         * Unix cron expression for {@code cron}: {@code minute hour day-of-month month day-of-week}, or six fields
         * with seconds first. Sunday is 0 or 7; names such as MON and JAN are allowed.
         */
        public Builder cronExpression(String expression) {
            if (expression == null) {
                throw new InvalidScheduleException(
                        "cron_expression", "must be a cron expression such as '0 9 * * 1-5', was null");
            }
            if (expression.length() > MAX_CRON_LENGTH) {
                throw new InvalidScheduleException(
                        "cron_expression",
                        "must be at most " + MAX_CRON_LENGTH + " characters, was " + expression.length());
            }
            String normalized = CronRuns.normalize(expression);
            try {
                this.cronRuns = CronRuns.parse(normalized);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException("cron_expression", e.getMessage(), e);
            }
            this.cronExpression = normalized;
            return this;
        }

        /** Local date-time of a {@code once} schedule; whole seconds. */
        public Builder runAt(LocalDateTime runAt) {
            if (runAt == null || runAt.getNano() != 0) {
                throw new InvalidScheduleException(
                        "run_at", "must be a local date-time yyyy-MM-ddTHH:mm[:ss], was " + runAt);
            }
            this.runAt = runAt;
            return this;
        }

        /**
         * The schedule.
         *
         * @throws InvalidScheduleException if cadence or zone is missing, a field the cadence needs is missing, or
         *     a field is set that the cadence does not use
         */
        public ScheduleSpec build() {
            unmoved = null;
            movedBy = null;
            if (cadence == null) {
                throw new InvalidScheduleException("cadence", "required, one of " + cadenceNames());
            }
            check(
                    "time",
                    time != null,
                    cadence == Cadence.DAILY || cadence == Cadence.WEEKLY || cadence == Cadence.MONTHLY);
            check("day_of_week", daysOfWeek != null, cadence == Cadence.WEEKLY);
            check(
                    "day_of_month",
                    dayOfMonth != 0 || businessDayOfMonth != 0 || weekdayOfMonth != null,
                    cadence == Cadence.MONTHLY);
            if (businessDays && cadence != Cadence.DAILY) {
                throw new InvalidScheduleException("business_days", "not used by cadence " + cadence.jsonName());
            }
            if (onHoliday != null && holidayCalendar == null) {
                throw new InvalidScheduleException(
                        "on_holiday", "needs a holiday_calendar, was " + onHoliday.name() + " without one");
            }
            if (onHoliday != null && isBusinessDayForm()) {
                throw new InvalidScheduleException(
                        "on_holiday",
                        "not used when the schedule runs on business days only (they are never holidays), was "
                                + onHoliday.name());
            }
            check("cron_expression", cronExpression != null, cadence == Cadence.CRON);
            check("run_at", runAt != null, cadence == Cadence.ONCE);
            if (zone == null) {
                throw new InvalidScheduleException("timezone", "required for cadence " + cadence.jsonName());
            }
            int secondOfDay = time == null ? 0 : time.toSecondOfDay();
            BusinessDays days = BusinessDays.of(holidayCalendar == null ? HolidayCalendar.weekdays() : holidayCalendar);
            LocalRuns localRuns = switch (cadence) {
                case DAILY -> businessDays ? DayRule.businessDays(days).at(secondOfDay) : LocalRuns.daily(secondOfDay);
                case WEEKLY -> LocalRuns.weekly(isoDaysMask(daysOfWeek), secondOfDay);
                case MONTHLY -> {
                    if (businessDayOfMonth != 0) {
                        yield DayRule.nthBusinessDay(businessDayOfMonth, days).at(secondOfDay);
                    }
                    if (weekdayOfMonth != null) {
                        yield DayRule.weekdayOfMonth(weekdayOfMonth.getValue(), weekdayOrdinal)
                                .at(secondOfDay);
                    }
                    yield LocalRuns.monthly(dayOfMonth == LAST_DAY ? 31 : dayOfMonth, secondOfDay);
                }
                case CRON -> cronRuns;
                case ONCE -> LocalRuns.once(runAt.toEpochSecond(ZoneOffset.UTC));
            };
            if (holidayCalendar != null && !isBusinessDayForm()) {
                unmoved = localRuns;
                movedBy = days;
                localRuns = new HolidayShift(
                        localRuns,
                        days,
                        HolidayShift.Policy.valueOf(
                                (onHoliday == null ? OnHoliday.NEXT_BUSINESS_DAY : onHoliday).name()));
            }
            return new ScheduleSpec(this, localRuns);
        }

        private void check(String field, boolean present, boolean used) {
            if (present && !used) {
                throw new InvalidScheduleException(field, "not used by cadence " + cadence.jsonName());
            }
            if (!present && used) {
                throw new InvalidScheduleException(field, "required for cadence " + cadence.jsonName());
            }
        }

        private static int isoDaysMask(Set<DayOfWeek> days) {
            int mask = 0;
            for (DayOfWeek day : days) {
                mask |= 1 << day.getValue();
            }
            return mask;
        }

        private static String cadenceNames() {
            return "daily, weekly, monthly, cron, once";
        }
    }
}
