package io.scheduledreports.core.schedule.internal;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.IntegerFieldValue;
import com.cronutils.model.field.value.SpecialChar;
import com.cronutils.parser.CronParser;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The local runs of a Unix cron expression ({@code minute hour day-of-month month day-of-week}, optionally with
 * a leading seconds field). cron-utils parses and validates the text; the fields are then turned into bit sets
 * and matched here, in local time, because cron-utils' {@code ExecutionTime} does not apply our DST rules.
 *
 * <p>Semantics are Vixie cron's: day of week 0-7 with Sunday as 0 or 7, names (JAN, MON) allowed, and when both
 * day-of-month and day-of-week are restricted (neither starts with {@code *}) a day matches if <em>either</em>
 * matches. The Quartz extensions are accepted as a whole day field: day-of-month {@code L} (last day),
 * {@code L-3} (three days before the last), {@code LW} (last weekday, Monday to Friday) and {@code 15W} (the
 * weekday nearest the 15th, never crossing into another month); day-of-week {@code 5#2} or {@code FRI#2} (second
 * Friday) and {@code 5L} (last Friday). {@code ?} and nicknames are rejected.
 */
public final class CronRuns implements LocalRuns {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern UNSUPPORTED = Pattern.compile("[?|@]");
    private static final Pattern SPECIAL = Pattern.compile("[LW#]");
    private static final Pattern NAMES = Pattern.compile("[A-Z]{3}");
    private static final Pattern LAST_DAY = Pattern.compile("L(?:-(\\d{1,2}))?");
    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");
    private static final Pattern NTH_WEEKDAY = Pattern.compile("([0-7]|[A-Z]{3})#(\\d)");
    private static final Pattern LAST_WEEKDAY = Pattern.compile("([0-7]|[A-Z]{3})L");
    private static final java.util.List<String> DAY_NAMES =
            java.util.List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    /** Day-of-month kinds: none, last day minus an offset, last weekday, nearest weekday. */
    private static final int DOM_BITS = 0, DOM_LAST = 1, DOM_LAST_WEEKDAY = 2, DOM_NEAREST_WEEKDAY = 3;
    /** Day-of-week kinds: none, nth weekday of the month, last weekday of the month. */
    private static final int DOW_BITS = 0, DOW_NTH = 1, DOW_LAST = 2;

    private static final CronParser FIVE_FIELDS = new CronParser(definition(false));
    private static final CronParser SIX_FIELDS = new CronParser(definition(true));

    /**
     * Parsed expressions by text: cron-utils compiles regular expressions on every parse (tens of microseconds),
     * and schedules are read from JSON often.
     */
    private static final ConcurrentHashMap<String, CronRuns> CACHE = new ConcurrentHashMap<>();

    private static final int CACHE_SIZE = 4096;

    /** Give up looking after this many years (a valid expression matches at least every 28 years). */
    private static final int MAX_YEARS = 400;

    private final long seconds;
    private final long minutes;
    private final int hours;
    /** Bits 1-31. */
    private final int daysOfMonth;
    /** Bits 1-12. */
    private final int months;
    /** Bits 0-6, ISO day % 7 (Sunday = 0). */
    private final int daysOfWeek;
    /** Whether a day must match day-of-month OR day-of-week (both restricted) instead of AND. */
    private final boolean eitherDay;
    /** One of DOM_*; with {@link #domValue} (offset before the last day, or the day of the month). */
    private final int domKind;

    private final int domValue;
    /** One of DOW_*; with {@link #dowDay} (ISO day of week) and {@link #dowOrdinal}. */
    private final int dowKind;

    private final int dowDay;
    private final int dowOrdinal;

    private CronRuns(
            long seconds,
            long minutes,
            int hours,
            int daysOfMonth,
            int months,
            int daysOfWeek,
            boolean eitherDay,
            int[] dom,
            int[] dow) {
        this.seconds = seconds;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.eitherDay = eitherDay;
        this.domKind = dom[0];
        this.domValue = dom[1];
        this.dowKind = dow[0];
        this.dowDay = dow[1];
        this.dowOrdinal = dow[2];
    }

    /** Collapses runs of whitespace and trims, the form kept and compared. */
    public static String normalize(String expression) {
        return WHITESPACE.matcher(expression.strip()).replaceAll(" ");
    }

    /**
     * Parses a normalized expression.
     *
     * @throws IllegalArgumentException with a message meant to follow {@code "cron_expression: "}
     */
    public static CronRuns parse(String expression) {
        CronRuns cached = CACHE.get(expression);
        if (cached != null) {
            return cached;
        }
        CronRuns parsed = parseUncached(expression);
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear(); // crude but bounded; parsing is only slow, never wrong
        }
        CACHE.put(expression, parsed);
        return parsed;
    }

    private static CronRuns parseUncached(String expression) {
        String[] parts = expression.isEmpty() ? new String[0] : expression.split(" ");
        if (parts.length != 5 && parts.length != 6) {
            throw new IllegalArgumentException(
                    "must have 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, was '"
                            + expression + "'");
        }
        String upper = expression.toUpperCase(java.util.Locale.ROOT);
        if (UNSUPPORTED.matcher(upper).find()) {
            throw new IllegalArgumentException(
                    "Unix cron syntax only (numbers, names, * , - /, and L W # in the day fields); ? and"
                            + " @nicknames are not supported, was '" + expression + "'");
        }
        String[] fields = upper.split(" ");
        int domIndex = fields.length - 3;
        int dowIndex = fields.length - 1;
        for (int i = 0; i < fields.length; i++) {
            if (i != domIndex && i != dowIndex && hasSpecial(fields[i])) {
                throw new IllegalArgumentException(
                        "L, W and # are only allowed in day-of-month and day-of-week, was '" + expression + "'");
            }
        }
        int[] dom = dayOfMonthSpecial(fields[domIndex], expression);
        int[] dow = dayOfWeekSpecial(fields[dowIndex], expression);
        String plain = expression;
        if (dom[0] != DOM_BITS || dow[0] != DOW_BITS) {
            if (dom[0] != DOM_BITS) {
                fields[domIndex] = "*";
            }
            if (dow[0] != DOW_BITS) {
                fields[dowIndex] = "*";
            }
            plain = String.join(" ", fields);
        }
        Cron cron;
        try {
            cron = (parts.length == 5 ? FIVE_FIELDS : SIX_FIELDS).parse(plain);
            cron.validate();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "invalid cron (" + cronUtilsMessage(e) + "), was '" + expression + "'", e);
        }
        long seconds = parts.length == 6 ? bits(cron, CronFieldName.SECOND, 0, 59) : 1L;
        long minutes = bits(cron, CronFieldName.MINUTE, 0, 59);
        int hours = (int) bits(cron, CronFieldName.HOUR, 0, 23);
        int domDays = (int) bits(cron, CronFieldName.DAY_OF_MONTH, 1, 31);
        int months = (int) bits(cron, CronFieldName.MONTH, 1, 12);
        long dowRaw = bits(cron, CronFieldName.DAY_OF_WEEK, 0, 7);
        int dowDays = (int) ((dowRaw | dowRaw >>> 7) & 0x7F);
        boolean domStar = dom[0] == DOM_BITS && isStar(cron, CronFieldName.DAY_OF_MONTH);
        boolean dowStar = dow[0] == DOW_BITS && isStar(cron, CronFieldName.DAY_OF_WEEK);
        boolean either = !domStar && !dowStar;
        if (!either && !anyMonthHasDay(months, domDays, dom)) {
            throw new IllegalArgumentException(
                    "never matches a date (no selected month has the selected days), was '" + expression + "'");
        }
        return new CronRuns(seconds, minutes, hours, domDays, months, dowDays, either, dom, dow);
    }

    /** Whether an upper-case field uses L, W or #, outside names such as WED or JUL. */
    private static boolean hasSpecial(String field) {
        return SPECIAL.matcher(NAMES.matcher(field).replaceAll("")).find();
    }

    /** {kind, value} of a Quartz-style day-of-month field, or {DOM_BITS, 0} for a Unix one. */
    private static int[] dayOfMonthSpecial(String field, String expression) {
        if (!hasSpecial(field)) {
            return new int[] {DOM_BITS, 0};
        }
        if (field.equals("LW")) {
            return new int[] {DOM_LAST_WEEKDAY, 0};
        }
        var last = LAST_DAY.matcher(field);
        if (last.matches()) {
            int offset = last.group(1) == null ? 0 : Integer.parseInt(last.group(1));
            if (offset > 30) {
                throw new IllegalArgumentException(
                        "day-of-month " + field + ": the offset after L- must be 1-30, was '" + expression + "'");
            }
            return new int[] {DOM_LAST, offset};
        }
        var nearest = NEAREST_WEEKDAY.matcher(field);
        if (nearest.matches()) {
            int day = Integer.parseInt(nearest.group(1));
            if (day < 1 || day > 31) {
                throw new IllegalArgumentException(
                        "day-of-month " + field + ": the day before W must be 1-31, was '" + expression + "'");
            }
            return new int[] {DOM_NEAREST_WEEKDAY, day};
        }
        throw new IllegalArgumentException("day-of-month " + field
                + ": must be Unix syntax or one of L, L-n (n 1-30), LW, nW (n 1-31) alone, was '" + expression + "'");
    }

    /** {kind, ISO day, ordinal} of a Quartz-style day-of-week field, or {DOW_BITS, 0, 0} for a Unix one. */
    private static int[] dayOfWeekSpecial(String field, String expression) {
        if (!hasSpecial(field)) {
            return new int[] {DOW_BITS, 0, 0};
        }
        var nth = NTH_WEEKDAY.matcher(field);
        if (nth.matches()) {
            int ordinal = Integer.parseInt(nth.group(2));
            if (ordinal < 1 || ordinal > 5) {
                throw new IllegalArgumentException(
                        "day-of-week " + field + ": the number after # must be 1-5, was '" + expression + "'");
            }
            return new int[] {DOW_NTH, isoDay(nth.group(1), field, expression), ordinal};
        }
        var last = LAST_WEEKDAY.matcher(field);
        if (last.matches()) {
            return new int[] {DOW_LAST, isoDay(last.group(1), field, expression), -1};
        }
        throw new IllegalArgumentException("day-of-week " + field
                + ": must be Unix syntax or one of d#n (n 1-5), dL alone (d 0-7 or SUN-SAT), was '" + expression
                + "'");
    }

    private static int isoDay(String day, String field, String expression) {
        int index = DAY_NAMES.indexOf(day);
        if (index < 0 && !Character.isDigit(day.charAt(0))) {
            throw new IllegalArgumentException("day-of-week " + field + ": unknown day '" + day
                    + "', use 0-7 or SUN-SAT, was '" + expression + "'");
        }
        int value = index >= 0 ? index : Integer.parseInt(day);
        return value == 0 ? 7 : value;
    }

    @Override
    public long firstAtOrAfter(long local) {
        long epochDay = Math.floorDiv(local, CivilDays.DAY);
        int secondOfDay = (int) (local - epochDay * CivilDays.DAY);
        long civil = CivilDays.civil(epochDay);
        long year = CivilDays.year(civil);
        int month = CivilDays.month(civil);
        int day = CivilDays.day(civil);
        int hour = secondOfDay / 3600;
        int minute = secondOfDay / 60 % 60;
        int second = secondOfDay % 60;
        long lastYear = year + MAX_YEARS;
        while (year <= lastYear) {
            int m = nextBit(months, month, 12);
            if (m < 0) {
                year++;
                month = 1;
                day = 1;
                hour = minute = second = 0;
                continue;
            }
            if (m != month) {
                month = m;
                day = 1;
                hour = minute = second = 0;
            }
            int d = nextDay(year, month, day);
            if (d < 0) {
                month++;
                day = 1;
                hour = minute = second = 0;
                continue;
            }
            if (d != day) {
                day = d;
                hour = minute = second = 0;
            }
            int h = nextBit(hours, hour, 23);
            if (h < 0) {
                day++;
                hour = minute = second = 0;
                continue;
            }
            if (h != hour) {
                hour = h;
                minute = second = 0;
            }
            int mi = nextBit(minutes, minute, 59);
            if (mi < 0) {
                hour++;
                minute = second = 0;
                continue;
            }
            if (mi != minute) {
                minute = mi;
                second = 0;
            }
            int s = nextBit(seconds, second, 59);
            if (s < 0) {
                minute++;
                second = 0;
                continue;
            }
            return CivilDays.epochDay(year, month, day) * CivilDays.DAY + hour * 3600L + minute * 60L + s;
        }
        return NONE;
    }

    /** The first matching day of the month at or after {@code from}, or -1. */
    private int nextDay(long year, int month, int from) {
        int length = CivilDays.lengthOfMonth(year, month);
        if (from > length) {
            return -1;
        }
        int domDay = domKind == DOM_BITS ? 0 : specialDayOfMonth(year, month, length);
        int dowDay = dowKind == DOW_BITS ? 0 : specialDayOfWeek(year, month);
        int dow = CivilDays.isoDayOfWeek(CivilDays.epochDay(year, month, from)) % 7;
        for (int d = from; d <= length; d++, dow = dow == 6 ? 0 : dow + 1) {
            boolean domMatch = domKind == DOM_BITS ? (daysOfMonth & 1 << d) != 0 : d == domDay;
            boolean dowMatch = dowKind == DOW_BITS ? (daysOfWeek & 1 << dow) != 0 : d == dowDay;
            if (eitherDay ? domMatch || dowMatch : domMatch && dowMatch) {
                return d;
            }
        }
        return -1;
    }

    /** The day of the month the L/W day-of-month selects in this month, or -1 if none. */
    private int specialDayOfMonth(long year, int month, int length) {
        return switch (domKind) {
            case DOM_LAST -> length - domValue >= 1 ? length - domValue : -1;
            case DOM_LAST_WEEKDAY -> {
                int dow = CivilDays.isoDayOfWeek(CivilDays.epochDay(year, month, length));
                yield dow == 6 ? length - 1 : dow == 7 ? length - 2 : length;
            }
            default -> {
                if (domValue > length) {
                    yield -1;
                }
                int dow = CivilDays.isoDayOfWeek(CivilDays.epochDay(year, month, domValue));
                if (dow == 6) {
                    yield domValue == 1 ? 3 : domValue - 1;
                }
                if (dow == 7) {
                    yield domValue == length ? domValue - 2 : domValue + 1;
                }
                yield domValue;
            }
        };
    }

    /** The day of the month the # or L day-of-week selects in this month, or -1 if none. */
    private int specialDayOfWeek(long year, int month) {
        long day = DayRule.weekdayOfMonth(year, month, dowDay, dowOrdinal);
        return day == DayRule.NONE ? -1 : (int) (day - CivilDays.epochDay(year, month, 1)) + 1;
    }

    /** The lowest set bit at index {@code >= from} and {@code <= max}, or -1. */
    private static int nextBit(long bits, int from, int max) {
        if (from > max) {
            return -1;
        }
        long rest = bits & (-1L << from);
        if (rest == 0) {
            return -1;
        }
        int bit = Long.numberOfTrailingZeros(rest);
        return bit <= max ? bit : -1;
    }

    private static boolean anyMonthHasDay(int months, int daysOfMonth, int[] dom) {
        int[] maxLength = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        for (int m = 1; m <= 12; m++) {
            boolean has = switch (dom[0]) {
                case DOM_BITS -> (daysOfMonth & (int) ((1L << (maxLength[m] + 1)) - 1)) != 0;
                case DOM_LAST -> maxLength[m] - dom[1] >= 1;
                case DOM_NEAREST_WEEKDAY -> dom[1] <= maxLength[m];
                default -> true;
            };
            if ((months & 1 << m) != 0 && has) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStar(Cron cron, CronFieldName field) {
        FieldExpression e = cron.retrieve(field).getExpression();
        return e instanceof Always || e instanceof Every every && every.getExpression() instanceof Always;
    }

    private static long bits(Cron cron, CronFieldName field, int min, int max) {
        long bits = bits(cron.retrieve(field).getExpression(), min, max);
        if (bits == 0) {
            throw new IllegalArgumentException("field " + field + " selects no value");
        }
        return bits;
    }

    private static long bits(FieldExpression e, int min, int max) {
        if (e instanceof Always) {
            return range(min, max, 1);
        }
        if (e instanceof And and) {
            long bits = 0;
            for (FieldExpression part : and.getExpressions()) {
                bits |= bits(part, min, max);
            }
            return bits;
        }
        if (e instanceof On on && on.getSpecialChar().getValue() == SpecialChar.NONE) {
            return range(value(on.getTime()), value(on.getTime()), 1);
        }
        if (e instanceof Between between) {
            return range(value(between.getFrom()), value(between.getTo()), 1);
        }
        if (e instanceof Every every) {
            int step = every.getPeriod().getValue();
            if (step < 1) {
                throw new IllegalArgumentException("step must be at least 1, was " + step);
            }
            FieldExpression base = every.getExpression();
            if (base instanceof Always) {
                return range(min, max, step);
            }
            if (base instanceof On on && on.getSpecialChar().getValue() == SpecialChar.NONE) {
                return range(value(on.getTime()), max, step);
            }
            if (base instanceof Between between) {
                return range(value(between.getFrom()), value(between.getTo()), step);
            }
        }
        throw new IllegalArgumentException("unsupported cron field '" + e.asString() + "'");
    }

    private static int value(Object fieldValue) {
        if (fieldValue instanceof IntegerFieldValue v) {
            return v.getValue();
        }
        throw new IllegalArgumentException("unsupported cron value '" + fieldValue + "'");
    }

    private static long range(int from, int to, int step) {
        if (from < 0 || to > 63 || from > to) {
            throw new IllegalArgumentException("invalid range " + from + "-" + to);
        }
        long bits = 0;
        for (int v = from; v <= to; v += step) {
            bits |= 1L << v;
        }
        return bits;
    }

    private static String cronUtilsMessage(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace("Failed to parse cron expression. ", "");
    }

    /** The Unix cron definition (optionally with seconds) parsed with cron-utils; also the tests' reference. */
    static CronDefinition definition(boolean withSeconds) {
        var builder = CronDefinitionBuilder.defineCron();
        if (withSeconds) {
            builder = builder.withSeconds()
                    .withValidRange(0, 59)
                    .withStrictRange()
                    .and();
        }
        return builder.withMinutes()
                .withValidRange(0, 59)
                .withStrictRange()
                .and()
                .withHours()
                .withValidRange(0, 23)
                .withStrictRange()
                .and()
                .withDayOfMonth()
                .withValidRange(1, 31)
                .withStrictRange()
                .and()
                .withMonth()
                .withValidRange(1, 12)
                .withStrictRange()
                .and()
                .withDayOfWeek()
                .withValidRange(0, 7)
                .withMondayDoWValue(1)
                .withIntMapping(7, 0)
                .withStrictRange()
                .and()
                .instance();
    }
}
