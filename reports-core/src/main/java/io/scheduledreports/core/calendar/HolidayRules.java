package io.scheduledreports.core.calendar;

import io.scheduledreports.spi.HolidayCalendar;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A holiday calendar made of rules: fixed dates, yearly dates (optionally moved off the weekend when observed),
 * the nth weekday of a month, and days relative to Easter Sunday (Gregorian).
 *
 * <pre>{@code
 * HolidayCalendar usFederal = HolidayRules.builder("us-federal")
 *     .rules("01-01 observed", "JAN MON#3", "FEB MON#3", "MAY MON#-1", "06-19 observed", "07-04 observed",
 *            "SEP MON#1", "OCT MON#2", "11-11 observed", "NOV THU#4", "12-25 observed")
 *     .build();
 * }</pre>
 *
 * <p>The rule text, as {@link Builder#rule(String)} reads it (and host configuration uses it):
 *
 * <ul>
 *   <li>{@code 2027-11-26}: that date once
 *   <li>{@code 12-25}: every year on that day; {@code 12-25 observed}: on a Saturday the Friday before, on a
 *       Sunday the Monday after, instead
 *   <li>{@code NOV THU#4}: the fourth Thursday of November; {@code MAY MON#-1}: the last Monday of May
 *   <li>{@code easter}, {@code easter-2} (Good Friday), {@code easter+1} (Easter Monday)
 * </ul>
 */
public final class HolidayRules implements HolidayCalendar {
    private static final Pattern YEARLY = Pattern.compile("(\\d{2}-\\d{2})( observed)?");
    private static final Pattern NTH = Pattern.compile("([A-Z]{3}) ([A-Z]{3})#(-1|[1-5])");
    private static final Pattern EASTER = Pattern.compile("easter(?:([+-])(\\d{1,3}))?");
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    /** One yearly rule: the date it gives in a year. */
    private interface Yearly {
        LocalDate in(int year);
    }

    private final String name;
    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> dates;
    private final List<Yearly> yearly;
    private final List<String> rules;

    private HolidayRules(Builder b) {
        this.name = b.name;
        this.weekend = Collections.unmodifiableSet(EnumSet.copyOf(b.weekend));
        this.dates = Set.copyOf(b.dates);
        this.yearly = List.copyOf(b.yearly);
        this.rules = List.copyOf(b.rules);
    }

    /**
     * A new builder; the weekend is Saturday and Sunday until {@link Builder#weekend} changes it.
     *
     * @param name what {@link #toString()} and error messages call the calendar
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        if (dates.contains(date)) {
            return true;
        }
        int year = date.getYear();
        for (Yearly rule : yearly) {
            // An observed date may cross the year: 2028-01-01 is a Saturday, observed on 2027-12-31.
            if (date.equals(rule.in(year)) || date.equals(rule.in(year + 1)) || date.equals(rule.in(year - 1))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<DayOfWeek> weekend() {
        return weekend;
    }

    /** The rules as text, in the order given. */
    public List<String> rules() {
        return rules;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HolidayRules other
                && name.equals(other.name)
                && weekend.equals(other.weekend)
                && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, weekend, rules);
    }

    @Override
    public String toString() {
        return "HolidayRules[" + name + "]";
    }

    /** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** Collects the rules of a {@link HolidayRules}; each method checks its input at once. */
    public static final class Builder {
        private final String name;
        private Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        private final Set<LocalDate> dates = new HashSet<>();
        private final List<Yearly> yearly = new ArrayList<>();
        private final List<String> rules = new ArrayList<>();

        private Builder(String name) {
            this.name = HolidayCalendars.checkName(name);
        }

        /** The weekend days, 0-6 of them (Friday and Saturday in much of the Middle East). */
        public Builder weekend(Set<DayOfWeek> days) {
            if (days == null || days.stream().anyMatch(Objects::isNull) || days.size() > 6) {
                throw new IllegalArgumentException(
                        "weekend: must be 0-6 days so that every week has a business day, was " + days);
            }
            this.weekend = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
            return this;
        }

        /** One date. */
        public Builder date(LocalDate date) {
            if (date == null) {
                throw new IllegalArgumentException("date: must not be null");
            }
            dates.add(date);
            rules.add(date.toString());
            return this;
        }

        /** Every year on {@code day}; February 29 only in leap years. */
        public Builder yearly(MonthDay day) {
            return yearly(day, false);
        }

        /**
         * Every year on {@code day}; when {@code observed}, a Saturday moves to the Friday before and a Sunday to
         * the Monday after (the US federal rule).
         */
        public Builder yearly(MonthDay day, boolean observed) {
            if (day == null) {
                throw new IllegalArgumentException("yearly: must not be null");
            }
            yearly.add(year -> {
                if (!day.isValidYear(year)) {
                    return null;
                }
                LocalDate date = day.atYear(year);
                if (observed) {
                    DayOfWeek dow = date.getDayOfWeek();
                    return dow == DayOfWeek.SATURDAY
                            ? date.minusDays(1)
                            : dow == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
                }
                return date;
            });
            rules.add(String.format(Locale.ROOT, "%02d-%02d", day.getMonthValue(), day.getDayOfMonth())
                    + (observed ? " observed" : ""));
            return this;
        }

        /** Every year on the {@code ordinal}th (1-5, or -1 for the last) {@code day} of {@code month}. */
        public Builder nthWeekday(Month month, DayOfWeek day, int ordinal) {
            if (month == null || day == null) {
                throw new IllegalArgumentException("nthWeekday: month and day must not be null");
            }
            if (ordinal == 0 || ordinal < -1 || ordinal > 5) {
                throw new IllegalArgumentException("nthWeekday: ordinal must be 1-5 or -1 (the last), was " + ordinal);
            }
            yearly.add(year -> {
                LocalDate first = LocalDate.of(year, month, 1);
                LocalDate date = ordinal < 0
                        ? first.with(TemporalAdjusters.lastInMonth(day))
                        : first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
                return date.getMonth() == month ? date : null;
            });
            rules.add(MONTHS.get(month.ordinal()) + " " + DAYS.get(day.ordinal()) + "#" + ordinal);
            return this;
        }

        /** Every year {@code offsetDays} after Easter Sunday (negative: before); 0 is Easter Sunday. */
        public Builder easter(int offsetDays) {
            if (Math.abs(offsetDays) > 200) {
                throw new IllegalArgumentException("easter: offset must be -200 to 200 days, was " + offsetDays);
            }
            yearly.add(year -> {
                LocalDate date = easterSunday(year).plusDays(offsetDays);
                return date.getYear() == year ? date : null;
            });
            rules.add(offsetDays == 0 ? "easter" : offsetDays > 0 ? "easter+" + offsetDays : "easter" + offsetDays);
            return this;
        }

        /** Several rules in the text form of {@link #rule(String)}. */
        public Builder rules(String... rules) {
            for (String rule : rules) {
                rule(rule);
            }
            return this;
        }

        /**
         * One rule in text form: {@code 2027-11-26}, {@code 12-25}, {@code 12-25 observed}, {@code NOV THU#4},
         * {@code MAY MON#-1}, {@code easter}, {@code easter-2}, {@code easter+1}.
         *
         * @throws IllegalArgumentException naming the rule and the forms allowed
         */
        public Builder rule(String rule) {
            String text = rule == null ? "" : rule.strip();
            try {
                Matcher m;
                if ((m = YEARLY.matcher(text)).matches()) {
                    return yearly(MonthDay.parse("--" + m.group(1)), m.group(2) != null);
                }
                if ((m = NTH.matcher(text.toUpperCase(Locale.ROOT))).matches()
                        && MONTHS.contains(m.group(1))
                        && DAYS.contains(m.group(2))) {
                    return nthWeekday(
                            Month.of(MONTHS.indexOf(m.group(1)) + 1),
                            DayOfWeek.of(DAYS.indexOf(m.group(2)) + 1),
                            Integer.parseInt(m.group(3)));
                }
                if ((m = EASTER.matcher(text.toLowerCase(Locale.ROOT))).matches()) {
                    int offset = m.group(1) == null ? 0 : Integer.parseInt(m.group(2));
                    return easter("-".equals(m.group(1)) ? -offset : offset);
                }
                if (text.length() == 10) {
                    return date(LocalDate.parse(text));
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("holidays: no such date in rule '" + text + "'", e);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("holidays: " + e.getMessage() + " in rule '" + text + "'", e);
            }
            throw new IllegalArgumentException("holidays: must be a date (2027-11-26), a yearly date (12-25 or"
                    + " '12-25 observed'), a weekday of a month (NOV THU#4, MAY MON#-1) or easter[+-days], was '"
                    + text + "'");
        }

        /** The calendar. */
        public HolidayRules build() {
            return new HolidayRules(this);
        }
    }
}
