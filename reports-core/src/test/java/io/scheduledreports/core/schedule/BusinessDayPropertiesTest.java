package io.scheduledreports.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.spi.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Properties of business-day schedules over 2020-2040, in zones with daylight saving time and with generated
 * holiday calendars and weekends: every run is what a day-by-day walk with {@code java.time} gives (its
 * {@code ZonedDateTime.ofLocal} applies the same gap and overlap rules), business-day forms never run on a
 * weekend or holiday, no form runs twice on one local date, and runs strictly increase. Seeded, so a failure
 * reproduces; the seed and case are in the failure message.
 */
class BusinessDayPropertiesTest {
    private static final List<ZoneId> ZONES = List.of(
                    "America/New_York",
                    "Europe/Berlin",
                    "Australia/Sydney",
                    "America/Santiago",
                    "Asia/Tehran",
                    "Australia/Lord_Howe",
                    "America/Havana",
                    "Pacific/Chatham",
                    "Europe/London",
                    "America/St_Johns")
            .stream()
            .map(ZoneId::of)
            .toList();

    /** Times on or next to transitions in some of the zones (00:00 Havana/Santiago, 02:30, 01:30, 03:00...). */
    private static final List<LocalTime> TIMES = List.of(
            LocalTime.of(0, 0),
            LocalTime.of(0, 30),
            LocalTime.of(1, 30),
            LocalTime.of(2, 0),
            LocalTime.of(2, 30),
            LocalTime.of(3, 0),
            LocalTime.of(9, 0),
            LocalTime.of(23, 59));

    private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    private static final LocalDate TO = LocalDate.of(2040, 12, 31);
    private static final int CASES = 60;

    /** A generated calendar: random single holidays and stretches of them, and a random weekend. */
    record Generated(Set<LocalDate> holidays, Set<DayOfWeek> weekend) implements HolidayCalendar {
        @Override
        public boolean isHoliday(LocalDate date) {
            return holidays.contains(date);
        }

        static Generated random(SplittableRandom random) {
            Set<LocalDate> holidays = new HashSet<>();
            double rate = 0.01 + random.nextDouble() * 0.1;
            for (LocalDate d = FROM.minusMonths(3); d.isBefore(TO.plusMonths(3)); d = d.plusDays(1)) {
                if (random.nextDouble() < rate) {
                    int length = random.nextInt(10) == 0 ? 2 + random.nextInt(12) : 1;
                    for (int i = 0; i < length; i++) {
                        holidays.add(d.plusDays(i));
                    }
                }
            }
            List<Set<DayOfWeek>> weekends = List.of(
                    EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                    EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
                    EnumSet.of(DayOfWeek.SUNDAY),
                    EnumSet.noneOf(DayOfWeek.class),
                    EnumSet.of(DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
            return new Generated(holidays, weekends.get(random.nextInt(weekends.size())));
        }

        boolean business(LocalDate d) {
            return !weekend.contains(d.getDayOfWeek()) && !holidays.contains(d);
        }

        @Override
        public String toString() {
            return "Generated[" + holidays.size() + " holidays, weekend " + weekend + "]";
        }
    }

    /** One generated schedule and the local dates the walk says it runs on. */
    record Case(String json, Predicate<LocalDate> nominal, boolean businessForm, OnHoliday policy) {}

    @Test
    void businessDaySchedulesMatchADayByDayWalkInEveryZone() {
        SplittableRandom random = new SplittableRandom(20_27);
        for (int c = 0; c < CASES; c++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            LocalTime time = TIMES.get(random.nextInt(TIMES.size()));
            Generated calendar = Generated.random(random);
            Case generated = randomCase(random, zone, time, calendar);
            String description = "case " + c + ": " + generated.json() + " with " + calendar;

            ScheduleSpec spec = ScheduleSpec.fromJson(generated.json(), HolidayCalendars.of(Map.of("gen", calendar)));
            Instant start = FROM.atStartOfDay(zone).toInstant();
            Instant end = TO.atStartOfDay(zone).toInstant();
            List<Instant> actual = new ArrayList<>();
            Instant at = start;
            while (true) {
                List<Instant> page = spec.nextRuns(at, 1_000);
                boolean done = page.isEmpty();
                for (Instant run : page) {
                    if (!run.isBefore(end)) {
                        done = true;
                        break;
                    }
                    actual.add(run);
                }
                if (done) {
                    break;
                }
                at = page.getLast();
            }

            List<Instant> expected = walk(generated, calendar, zone, time, start, end);
            assertThat(actual).as(description).containsExactlyElementsOf(expected);
            Set<LocalDate> dates = new HashSet<>();
            for (int i = 0; i < actual.size(); i++) {
                LocalDate date = runDate(actual.get(i), zone, time);
                assertThat(dates.add(date))
                        .as("%s: two runs on %s", description, date)
                        .isTrue();
                if (i > 0) {
                    assertThat(actual.get(i)).as(description).isAfter(actual.get(i - 1));
                }
                if (generated.businessForm()) {
                    assertThat(calendar.business(date))
                            .as("%s: ran on %s", description, date)
                            .isTrue();
                }
            }
        }
    }

    /**
     * The local date a run belongs to: a run shifted out of a gap may land on the next local date only if the
     * time is just before midnight, which none of {@link #TIMES} is; so the local date of the instant.
     */
    private static LocalDate runDate(Instant run, ZoneId zone, LocalTime time) {
        return LocalDateTime.ofInstant(run, zone).toLocalDate();
    }

    private static Case randomCase(SplittableRandom random, ZoneId zone, LocalTime time, Generated calendar) {
        String common = "\"time\":\"" + time + "\",\"timezone\":\"" + zone.getId() + "\",\"holiday_calendar\":\"gen\"";
        OnHoliday policy = OnHoliday.values()[random.nextInt(3)];
        String onHoliday = ",\"on_holiday\":\"" + policy + "\"";
        int kind = random.nextInt(7);
        return switch (kind) {
            case 0 ->
                new Case(
                        "{\"cadence\":\"daily\",\"business_days\":true," + common + "}",
                        calendar::business,
                        true,
                        null);
            case 1, 2 -> {
                int n = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(kind == 1 ? 1 : 22));
                String day = n == 1
                        ? "\"first_business_day\""
                        : n == -1 ? "\"last_business_day\"" : "{\"business_day\":" + n + "}";
                Map<YearMonth, Optional<LocalDate>> byMonth = new HashMap<>();
                yield new Case(
                        "{\"cadence\":\"monthly\",\"day_of_month\":" + day + "," + common + "}",
                        d -> byMonth.computeIfAbsent(
                                        YearMonth.from(d), m -> Optional.ofNullable(nthBusinessDay(d, n, calendar)))
                                .filter(d::equals)
                                .isPresent(),
                        true,
                        null);
            }
            case 3 -> {
                DayOfWeek dow = DayOfWeek.of(1 + random.nextInt(7));
                int ordinal = random.nextInt(6) == 0 ? -1 : 1 + random.nextInt(5);
                yield new Case(
                        "{\"cadence\":\"monthly\",\"day_of_month\":{\"weekday\":\""
                                + dow.name().substring(0, 3) + "\",\"ordinal\":" + ordinal + "}," + common + onHoliday
                                + "}",
                        d -> d.equals(nthWeekday(d, dow, ordinal)),
                        false,
                        policy);
            }
            case 4 -> new Case("{\"cadence\":\"daily\"," + common + onHoliday + "}", d -> true, false, policy);
            case 5 -> {
                int dow = 1 + random.nextInt(7);
                int ordinal = 1 + random.nextInt(5);
                String cron = time.getMinute() + " " + time.getHour() + " * * " + (dow % 7) + "#" + ordinal;
                yield new Case(
                        "{\"cadence\":\"cron\",\"cron_expression\":\"" + cron + "\",\"timezone\":\"" + zone.getId()
                                + "\",\"holiday_calendar\":\"gen\"" + onHoliday + "}",
                        d -> d.equals(nthWeekday(d, DayOfWeek.of(dow), ordinal)),
                        false,
                        policy);
            }
            default -> {
                int dom = 1 + random.nextInt(31);
                yield new Case(
                        "{\"cadence\":\"monthly\",\"day_of_month\":" + dom + "," + common + onHoliday + "}",
                        d -> d.getDayOfMonth() == Math.min(dom, d.lengthOfMonth()),
                        false,
                        policy);
            }
        };
    }

    /** The walk: nominal dates, holidays moved or dropped, mapped to instants by java.time, sorted, distinct. */
    private static List<Instant> walk(
            Case c, Generated calendar, ZoneId zone, LocalTime time, Instant start, Instant end) {
        TreeSet<Instant> runs = new TreeSet<>();
        for (LocalDate d = FROM.minusMonths(2); d.isBefore(TO.plusMonths(2)); d = d.plusDays(1)) {
            if (!c.nominal().test(d)) {
                continue;
            }
            LocalDate date = d;
            if (!c.businessForm() && calendar.isHoliday(d)) {
                date = switch (c.policy()) {
                    case SKIP -> null;
                    case NEXT_BUSINESS_DAY -> {
                        LocalDate x = d.plusDays(1);
                        while (!calendar.business(x)) {
                            x = x.plusDays(1);
                        }
                        yield x;
                    }
                    case PREVIOUS_BUSINESS_DAY -> {
                        LocalDate x = d.minusDays(1);
                        while (!calendar.business(x)) {
                            x = x.minusDays(1);
                        }
                        yield x;
                    }
                };
            }
            if (date != null) {
                Instant run =
                        ZonedDateTime.ofLocal(date.atTime(time), zone, null).toInstant();
                if (run.isAfter(start) && run.isBefore(end)) {
                    runs.add(run);
                }
            }
        }
        return List.copyOf(runs);
    }

    private static LocalDate nthBusinessDay(LocalDate inMonth, int n, Generated calendar) {
        List<LocalDate> business = new ArrayList<>();
        for (LocalDate d = inMonth.withDayOfMonth(1); d.getMonth() == inMonth.getMonth(); d = d.plusDays(1)) {
            if (calendar.business(d)) {
                business.add(d);
            }
        }
        int index = n > 0 ? n - 1 : business.size() + n;
        return index >= 0 && index < business.size() ? business.get(index) : null;
    }

    private static LocalDate nthWeekday(LocalDate inMonth, DayOfWeek dow, int ordinal) {
        LocalDate d = ordinal < 0
                ? inMonth.with(TemporalAdjusters.lastInMonth(dow))
                : inMonth.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, dow));
        return d.getMonth() == inMonth.getMonth() ? d : null;
    }
}
