package io.scheduledreports.core.params;

import io.scheduledreports.spi.DateRange;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves relative date windows in report parameters ({@code "last_7_days"}, {@code "last_month"}) to a
 * {@link DateRange} of whole local days, against the local date of the run's scheduled time in the schedule's
 * zone. A run scheduled for 2026-03-02T09:00 in {@code Europe/Berlin} with {@code last_month} gets
 * {@code 2026-02-01..2026-02-28}; a retry of that run an hour later gets the same range.
 *
 * <p>Tokens ("today" is the local date of {@code scheduledFor}; weeks are ISO weeks starting on Monday; every
 * range is {@code [start, endExclusive)}):
 *
 * <ul>
 *   <li>{@code today}, {@code yesterday}
 *   <li>{@code last_N_days}, N 1-366: the N whole days before today (today excluded)
 *   <li>{@code this_week}, {@code this_month}, {@code this_quarter}, {@code this_year}: the whole current period,
 *       future days included
 *   <li>{@code last_week}, {@code last_month}, {@code last_quarter}, {@code last_year}: the whole previous period
 *   <li>{@code week_to_date}, {@code month_to_date}, {@code year_to_date}: from the start of the current period
 *       through today (today included)
 * </ul>
 *
 * <p>Tokens are matched ignoring case and surrounding blanks. An explicit range {@code "2026-01-01..2026-01-31"}
 * (inclusive, as {@link DateRange#toString()} prints it) is accepted too.
 */
public final class RelativeDates {
    /** The field named in errors when the caller gives none. */
    public static final String DEFAULT_FIELD = "date_range";

    /** Largest N of {@code last_N_days}. */
    public static final int MAX_DAYS = 366;

    private static final Pattern LAST_N_DAYS = Pattern.compile("last_(\\d{1,9})_days");
    private static final Pattern EXPLICIT = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
    private static final Set<String> FIXED_TOKENS = Set.of(
            "today",
            "yesterday",
            "this_week",
            "last_week",
            "week_to_date",
            "this_month",
            "last_month",
            "month_to_date",
            "this_quarter",
            "last_quarter",
            "this_year",
            "last_year",
            "year_to_date");
    private static final String TOKENS = "today, yesterday, last_N_days (N 1-" + MAX_DAYS
            + "), this_week, last_week, week_to_date, this_month, last_month, month_to_date, this_quarter,"
            + " last_quarter, this_year, last_year, year_to_date, or an explicit range 2026-01-01..2026-01-31";

    private RelativeDates() {}

    /** Whether {@code value} is a relative token that {@link #resolve} accepts (not an explicit range). */
    public static boolean isRelative(String value) {
        if (value == null) {
            return false;
        }
        String token = normalize(value);
        if (FIXED_TOKENS.contains(token)) {
            return true;
        }
        Matcher m = LAST_N_DAYS.matcher(token);
        return m.matches() && validDays(m.group(1));
    }

    /**
     * Resolves a token; errors name the field {@value #DEFAULT_FIELD}.
     *
     * @see #resolve(String, Instant, ZoneId, String)
     */
    public static DateRange resolve(String token, Instant scheduledFor, ZoneId zone) {
        return resolve(token, scheduledFor, zone, DEFAULT_FIELD);
    }

    /**
     * Resolves a relative token (or an explicit range) against the local date of {@code scheduledFor} in
     * {@code zone}.
     *
     * @param token the parameter value, e.g. {@code "last_7_days"}
     * @param scheduledFor the run's scheduled instant (not the time it actually started)
     * @param zone the schedule's zone
     * @param field the parameter's name for error messages, e.g. {@code "report_params.date_range"}
     * @throws ReportsValidationException naming {@code field} if the token is unknown or out of range
     * @throws IllegalArgumentException if {@code scheduledFor} or {@code zone} is null
     */
    public static DateRange resolve(String token, Instant scheduledFor, ZoneId zone, String field) {
        if (scheduledFor == null) {
            throw new IllegalArgumentException("scheduledFor: must not be null");
        }
        if (zone == null) {
            throw new IllegalArgumentException("zone: must not be null");
        }
        String name = field == null ? DEFAULT_FIELD : field;
        if (token == null) {
            throw new ReportsValidationException(name, "must be one of " + TOKENS + ", was null");
        }
        String t = normalize(token);
        LocalDate today;
        try {
            today = LocalDate.ofInstant(scheduledFor, zone);
            if (Math.abs(today.getYear()) >= Year.MAX_VALUE - 1) {
                throw new DateTimeException("no room for a range");
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("scheduledFor: out of the supported date range, was " + scheduledFor, e);
        }
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        LocalDate firstOfQuarter = today.with(IsoFields.DAY_OF_QUARTER, 1);
        LocalDate firstOfYear = today.withDayOfYear(1);
        return switch (t) {
            case "today" -> range(today, today.plusDays(1), zone);
            case "yesterday" -> range(today.minusDays(1), today, zone);
            case "this_week" -> range(monday, monday.plusWeeks(1), zone);
            case "last_week" -> range(monday.minusWeeks(1), monday, zone);
            case "week_to_date" -> range(monday, today.plusDays(1), zone);
            case "this_month" -> range(firstOfMonth, firstOfMonth.plusMonths(1), zone);
            case "last_month" -> range(firstOfMonth.minusMonths(1), firstOfMonth, zone);
            case "month_to_date" -> range(firstOfMonth, today.plusDays(1), zone);
            case "this_quarter" -> range(firstOfQuarter, firstOfQuarter.plusMonths(3), zone);
            case "last_quarter" -> range(firstOfQuarter.minusMonths(3), firstOfQuarter, zone);
            case "this_year" -> range(firstOfYear, firstOfYear.plusYears(1), zone);
            case "last_year" -> range(firstOfYear.minusYears(1), firstOfYear, zone);
            case "year_to_date" -> range(firstOfYear, today.plusDays(1), zone);
            default -> other(t, token, today, zone, name);
        };
    }

    /**
     * A copy of {@code params} in which each parameter named in {@code dateRangeParamNames} that holds a string
     * is replaced by its resolved {@link DateRange}. Other parameters, absent names, null values and values that
     * already are {@code DateRange}s are left as they are. Errors name the field
     * {@code "report_params.<name>"}.
     *
     * @throws ReportsValidationException if a date-range parameter holds an unknown token or a non-string value
     */
    public static Map<String, Object> resolveAll(
            Map<String, Object> params, Set<String> dateRangeParamNames, Instant scheduledFor, ZoneId zone) {
        if (params == null) {
            throw new IllegalArgumentException("params: must not be null");
        }
        Map<String, Object> resolved = new LinkedHashMap<>(params);
        if (dateRangeParamNames != null) {
            for (String name : dateRangeParamNames) {
                Object value = params.get(name);
                String field = "report_params." + name;
                if (value instanceof String s) {
                    resolved.put(name, resolve(s, scheduledFor, zone, field));
                } else if (value != null && !(value instanceof DateRange)) {
                    throw new ReportsValidationException(
                            field, "must be a string, one of " + TOKENS + ", was " + shorten(String.valueOf(value)));
                }
            }
        }
        return Collections.unmodifiableMap(resolved);
    }

    private static DateRange other(String t, String original, LocalDate today, ZoneId zone, String field) {
        Matcher days = LAST_N_DAYS.matcher(t);
        if (days.matches()) {
            if (!validDays(days.group(1))) {
                throw new ReportsValidationException(
                        field, "last_N_days needs N from 1 to " + MAX_DAYS + ", was '" + shorten(original) + "'");
            }
            return range(today.minusDays(Integer.parseInt(days.group(1))), today, zone);
        }
        Matcher explicit = EXPLICIT.matcher(t);
        if (explicit.matches()) {
            try {
                LocalDate start = LocalDate.parse(explicit.group(1));
                LocalDate end = LocalDate.parse(explicit.group(2));
                if (!end.isBefore(start)) {
                    return range(start, end.plusDays(1), zone);
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw new ReportsValidationException(
                        field, "explicit range must be two valid dates, was '" + shorten(original) + "'", e);
            }
            throw new ReportsValidationException(
                    field, "explicit range ends before it starts, was '" + shorten(original) + "'");
        }
        throw new ReportsValidationException(field, "must be one of " + TOKENS + ", was '" + shorten(original) + "'");
    }

    private static boolean validDays(String digits) {
        int n = Integer.parseInt(digits);
        return n >= 1 && n <= MAX_DAYS;
    }

    private static DateRange range(LocalDate start, LocalDate endExclusive, ZoneId zone) {
        return new DateRange(start, endExclusive, zone);
    }

    private static String normalize(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
