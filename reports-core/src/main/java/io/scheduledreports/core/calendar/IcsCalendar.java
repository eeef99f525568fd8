package io.scheduledreports.core.calendar;

import io.scheduledreports.spi.HolidayCalendar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A holiday calendar imported from an iCalendar ({@code .ics}, RFC 5545) file, as calendar applications export
 * them: every all-day {@code VEVENT} is a holiday (a {@code DTEND} makes it span several days), once or every
 * year by an {@code RRULE} with {@code FREQ=YEARLY} and optionally {@code INTERVAL}, {@code COUNT},
 * {@code UNTIL}, one {@code BYMONTH}, one {@code BYMONTHDAY} or one {@code BYDAY} with an ordinal
 * ({@code 3MO}, {@code -1MO}); {@code EXDATE}s are left out. Events with a time of day are not holidays and are
 * counted in {@link #ignoredTimedEvents()}. Anything else (another frequency, a list in a {@code BY} part) is
 * refused with the line number, rather than read wrongly.
 */
public final class IcsCalendar implements HolidayCalendar {
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final List<String> DAY_CODES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    private static final int MAX_SPAN_DAYS = 366;

    private final String name;
    private final Set<DayOfWeek> weekend;
    private final List<Event> events;
    private final int ignoredTimedEvents;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    /** One all-day event: its first day, how many days it lasts, and its yearly rule if any. */
    private record Event(
            LocalDate start,
            int days,
            boolean yearly,
            int interval,
            int count,
            LocalDate until,
            int byMonth,
            int byMonthDay,
            int byDayOrdinal,
            DayOfWeek byDay,
            Set<LocalDate> excluded) {

        /** The first day of the occurrence in {@code year}, or null. */
        LocalDate occurrence(int year) {
            if (!yearly) {
                return year == start.getYear() ? start : null;
            }
            int index = year - start.getYear();
            if (index < 0 || index % interval != 0 || count > 0 && index / interval >= count) {
                return null;
            }
            int month = byMonth > 0 ? byMonth : start.getMonthValue();
            LocalDate first = LocalDate.of(year, month, 1);
            LocalDate date;
            if (byDay != null) {
                date = byDayOrdinal < 0
                        ? first.with(TemporalAdjusters.lastInMonth(byDay)).minusWeeks(-byDayOrdinal - 1)
                        : first.with(TemporalAdjusters.dayOfWeekInMonth(byDayOrdinal, byDay));
                if (date.getMonthValue() != month) {
                    return null;
                }
            } else {
                int day = byMonthDay != 0 ? byMonthDay : start.getDayOfMonth();
                int length = first.lengthOfMonth();
                if (day < 0) {
                    day = length + day + 1;
                }
                if (day < 1 || day > length) {
                    return null;
                }
                date = first.withDayOfMonth(day);
            }
            if (date.isBefore(start) || until != null && date.isAfter(until) || excluded.contains(date)) {
                return null;
            }
            return date;
        }
    }

    private IcsCalendar(String name, Set<DayOfWeek> weekend, List<Event> events, int ignored) {
        this.name = name;
        this.weekend = weekend;
        this.events = events;
        this.ignoredTimedEvents = ignored;
    }

    /**
     * Reads a {@code .ics} file (UTF-8).
     *
     * @param name the calendar's name, for messages
     * @param file the file
     * @param weekend the weekend days (the file has none)
     * @throws IllegalArgumentException naming the line of an event that cannot be read
     * @throws UncheckedIOException if the file cannot be read
     */
    public static IcsCalendar read(String name, Path file, Set<DayOfWeek> weekend) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(name, reader, weekend);
        } catch (IOException e) {
            throw new UncheckedIOException("holiday_calendar " + name + ": cannot read " + file, e);
        }
    }

    /** Reads the text of a {@code .ics} file; see {@link #read(String, Path, Set)}. */
    public static IcsCalendar parse(String name, String ics, Set<DayOfWeek> weekend) {
        try {
            return parse(name, new StringReader(ics), weekend);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IcsCalendar parse(String name, Reader reader, Set<DayOfWeek> weekend) throws IOException {
        HolidayCalendars.checkName(name);
        if (weekend == null || weekend.stream().anyMatch(Objects::isNull) || weekend.size() > 6) {
            throw new IllegalArgumentException(
                    "weekend: must be 0-6 days so that every week has a business day, was " + weekend);
        }
        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (!lines.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                int last = lines.size() - 1;
                lines.set(last, lines.get(last) + line.substring(1)); // RFC 5545 3.1 unfolding
            } else if (!line.isEmpty()) {
                lines.add(line);
                numbers.add(number);
            }
        }
        if (lines.isEmpty() || !lines.get(0).equalsIgnoreCase("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("ics " + name + ": must start with BEGIN:VCALENDAR");
        }
        List<Event> events = new ArrayList<>();
        int ignored = 0;
        Map<String, String> event = null;
        Set<LocalDate> excluded = null;
        int eventLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.equalsIgnoreCase("BEGIN:VEVENT")) {
                event = new HashMap<>();
                excluded = new HashSet<>();
                eventLine = numbers.get(i);
            } else if (l.equalsIgnoreCase("END:VEVENT") && event != null) {
                Event read = event(name, event, excluded, eventLine);
                if (read == null) {
                    ignored++;
                } else {
                    events.add(read);
                }
                event = null;
            } else if (event != null) {
                int colon = l.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String head = l.substring(0, colon).toUpperCase(Locale.ROOT);
                String property = head.contains(";") ? head.substring(0, head.indexOf(';')) : head;
                String value = l.substring(colon + 1).strip();
                if (property.equals("EXDATE")) {
                    for (String date : value.split(",")) {
                        excluded.add(date(name, date, numbers.get(i), "EXDATE"));
                    }
                } else {
                    event.put(property, value);
                    event.put(property + ";PARAMS", head);
                }
            }
        }
        return new IcsCalendar(
                name,
                weekend.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(weekend)),
                List.copyOf(events),
                ignored);
    }

    private static Event event(String name, Map<String, String> p, Set<LocalDate> excluded, int line) {
        String start = p.get("DTSTART");
        if (start == null) {
            throw new IllegalArgumentException("ics " + name + ": the VEVENT at line " + line + " has no DTSTART");
        }
        if (start.contains("T")) {
            return null; // a meeting, not a holiday
        }
        LocalDate first = date(name, start, line, "DTSTART");
        int days = 1;
        String end = p.get("DTEND");
        if (end != null && !end.contains("T")) {
            long span = ChronoUnit.DAYS.between(first, date(name, end, line, "DTEND"));
            if (span < 1 || span > MAX_SPAN_DAYS) {
                throw new IllegalArgumentException("ics " + name + ": the VEVENT at line " + line + " must end 1-"
                        + MAX_SPAN_DAYS + " days after it starts, was " + end);
            }
            days = (int) span;
        }
        String rrule = p.get("RRULE");
        if (rrule == null) {
            return new Event(first, days, false, 1, 0, null, 0, 0, 0, null, Set.copyOf(excluded));
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : rrule.toUpperCase(Locale.ROOT).split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        String where = "ics " + name + ": the RRULE of the VEVENT at line " + line;
        if (!"YEARLY".equals(parts.get("FREQ"))) {
            throw new IllegalArgumentException(where + " must have FREQ=YEARLY, was '" + rrule + "'");
        }
        for (String key : parts.keySet()) {
            if (!List.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY", "WKST")
                    .contains(key)) {
                throw new IllegalArgumentException(
                        where + " uses " + key + ", which is not supported, was '" + rrule + "'");
            }
        }
        int interval = positive(where, parts, "INTERVAL", 1, 100);
        int count = positive(where, parts, "COUNT", 0, 10_000);
        LocalDate until = parts.containsKey("UNTIL")
                ? date(
                        name,
                        parts.get("UNTIL")
                                .substring(0, Math.min(8, parts.get("UNTIL").length())),
                        line,
                        "UNTIL")
                : null;
        int byMonth = positive(where, parts, "BYMONTH", 0, 12);
        int byMonthDay = 0;
        if (parts.containsKey("BYMONTHDAY")) {
            try {
                byMonthDay = Integer.parseInt(parts.get("BYMONTHDAY"));
            } catch (NumberFormatException e) {
                byMonthDay = 0;
            }
            if (byMonthDay == 0 || Math.abs(byMonthDay) > 31) {
                throw new IllegalArgumentException(
                        where + " must have one BYMONTHDAY of 1-31 or -31 to -1, was '" + rrule + "'");
            }
        }
        int ordinal = 0;
        DayOfWeek byDay = null;
        String dayPart = parts.get("BYDAY");
        if (dayPart != null) {
            var m = java.util.regex.Pattern.compile("([+-]?[1-5])(MO|TU|WE|TH|FR|SA|SU)")
                    .matcher(dayPart);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        where + " must have one BYDAY with an ordinal such as 3MO or -1MO, was '" + rrule + "'");
            }
            ordinal = Integer.parseInt(m.group(1).replace("+", ""));
            byDay = DayOfWeek.of(DAY_CODES.indexOf(m.group(2)) + 1);
            if (byMonth == 0) {
                byMonth = first.getMonthValue();
            }
        }
        return new Event(
                first, days, true, interval, count, until, byMonth, byMonthDay, ordinal, byDay, Set.copyOf(excluded));
    }

    private static int positive(String where, Map<String, String> parts, String key, int absent, int max) {
        String value = parts.get(key);
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + " must have " + key + " 1-" + max + ", was '" + value + "'");
    }

    private static LocalDate date(String name, String value, int line, String property) {
        try {
            return LocalDate.parse(
                    value.strip().substring(0, Math.min(8, value.strip().length())), BASIC_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ics " + name + ": " + property + " of the VEVENT at line " + line
                    + " must be a date yyyyMMdd, was '" + value + "'");
        }
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        if (byYear.size() > 1_000) {
            byYear.clear(); // bounded; recomputing only costs time
        }
        return byYear.computeIfAbsent(date.getYear(), this::holidaysTouching).contains(date);
    }

    /** The holidays in {@code year}, including days of events that started the year before. */
    private Set<LocalDate> holidaysTouching(int year) {
        Set<LocalDate> days = new HashSet<>();
        for (Event event : events) {
            for (int y = year - 1; y <= year; y++) {
                LocalDate first = event.occurrence(y);
                if (first == null) {
                    continue;
                }
                for (int i = 0; i < event.days(); i++) {
                    LocalDate day = first.plusDays(i);
                    if (day.getYear() == year) {
                        days.add(day);
                    }
                }
            }
        }
        return Set.copyOf(days);
    }

    @Override
    public Set<DayOfWeek> weekend() {
        return weekend;
    }

    /** How many all-day events the file holds. */
    public int eventCount() {
        return events.size();
    }

    /** How many events with a time of day the file holds; they are not holidays. */
    public int ignoredTimedEvents() {
        return ignoredTimedEvents;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IcsCalendar other
                && name.equals(other.name)
                && weekend.equals(other.weekend)
                && events.equals(other.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, weekend, events);
    }

    @Override
    public String toString() {
        return "IcsCalendar[" + name + ", " + events.size() + " events]";
    }
}
