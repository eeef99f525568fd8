package io.scheduledreports.core.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Quartz day forms (L, L-n, LW, nW, d#n, dL) against a day-by-day walk with java.time, 2020-2040. */
class CronQuartzFormsTest {
    private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    private static final LocalDate TO = LocalDate.of(2041, 1, 1);

    private static boolean weekday(LocalDate d) {
        return d.getDayOfWeek().getValue() <= 5;
    }

    /** Quartz's nW: the weekday nearest day n of the month, not leaving the month; none if the month is shorter. */
    private static LocalDate nearestWeekday(LocalDate inMonth, int n) {
        if (n > inMonth.lengthOfMonth()) {
            return null;
        }
        LocalDate d = inMonth.withDayOfMonth(n);
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return n == 1 ? d.plusDays(2) : d.minusDays(1);
        }
        if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return n == d.lengthOfMonth() ? d.minusDays(2) : d.plusDays(1);
        }
        return d;
    }

    private static void assertMatchesWalk(String expression, Predicate<LocalDate> day) {
        CronRuns runs = CronRuns.parse("30 9 " + expression);
        List<LocalDate> expected = new ArrayList<>();
        for (LocalDate d = FROM; d.isBefore(TO); d = d.plusDays(1)) {
            if (day.test(d)) {
                expected.add(d);
            }
        }
        List<LocalDate> actual = new ArrayList<>();
        long local = FROM.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long end = TO.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        while ((local = runs.firstAtOrAfter(local)) < end) {
            LocalDateTime run = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
            assertThat(run.toLocalTime()).hasToString("09:30");
            actual.add(run.toLocalDate());
            local++;
        }
        assertThat(actual).as(expression).isNotEmpty().containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 15, 27, 28, 30})
    void lastDayMinusAnOffset(int offset) {
        assertMatchesWalk(
                (offset == 0 ? "L" : "L-" + offset) + " * *", d -> d.getDayOfMonth() == d.lengthOfMonth() - offset);
    }

    @Test
    void lastWeekdayOfTheMonth() {
        assertMatchesWalk(
                "LW * *",
                d -> weekday(d) && d.plusDays(1).getMonth() != d.getMonth()
                        || weekday(d)
                                && d.getDayOfWeek() == DayOfWeek.FRIDAY
                                && d.plusDays(3).getMonth() != d.getMonth());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 14, 15, 28, 29, 30, 31})
    void nearestWeekdayToADay(int n) {
        assertMatchesWalk(n + "W * *", d -> d.equals(nearestWeekday(d, n)));
    }

    @ParameterizedTest
    @CsvSource({"1,1", "5,2", "0,5", "7,5", "FRI,3", "MON,1", "SAT,4"})
    void nthWeekdayOfTheMonth(String day, int n) {
        int iso = switch (day) {
            case "FRI" -> 5;
            case "MON" -> 1;
            case "SAT" -> 6;
            default -> Integer.parseInt(day) == 0 ? 7 : Integer.parseInt(day);
        };
        assertMatchesWalk(
                "* * " + day + "#" + n,
                d -> d.equals(d.with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.of(iso)))));
    }

    @ParameterizedTest
    @CsvSource({"5,5", "FRI,5", "0,7", "1,1"})
    void lastWeekdayOfAKindInTheMonth(String day, int iso) {
        assertMatchesWalk("* * " + day + "L", d -> d.equals(d.with(TemporalAdjusters.lastInMonth(DayOfWeek.of(iso)))));
    }

    @Test
    void aQuartzDayFormRestrictsOnlyTheMonthsSelected() {
        assertMatchesWalk(
                "L-1 2,8 *",
                d -> (d.getMonthValue() == 2 || d.getMonthValue() == 8) && d.getDayOfMonth() == d.lengthOfMonth() - 1);
    }

    @Test
    void bothDayFieldsRestrictedMatchEitherAsInVixieCron() {
        assertMatchesWalk(
                "15W * FRI#1",
                d -> d.equals(nearestWeekday(d, 15))
                        || d.equals(d.with(TemporalAdjusters.dayOfWeekInMonth(1, DayOfWeek.FRIDAY))));
    }

    @Test
    void namesThatContainLOrWAreNotQuartzForms() {
        assertMatchesWalk("* JUL WED", d -> d.getMonthValue() == 7 && d.getDayOfWeek() == DayOfWeek.WEDNESDAY);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0 0 L-31 * * | day-of-month L-31: the offset after L- must be 1-30",
                "0 0 0W * * | day-of-month 0W: the day before W must be 1-31",
                "0 0 L,15 * * | day-of-month L,15: must be Unix syntax or one of L, L-n (n 1-30), LW, nW (n 1-31) alone",
                "0 0 * * 1#0 | day-of-week 1#0: the number after # must be 1-5",
                "0 0 * * 1#2,3 | day-of-week 1#2,3: must be Unix syntax or one of d#n (n 1-5), dL alone",
                "0 0 * * XYZ#2 | day-of-week XYZ#2: unknown day 'XYZ', use 0-7 or SUN-SAT",
                "0 L * * * | L, W and # are only allowed in day-of-month and day-of-week",
                "0 0 30W 2 * | never matches a date (no selected month has the selected days)",
                "0 0 L-29 2 * | never matches a date (no selected month has the selected days)",
            })
    void badQuartzFormsSayWhatIsWrong(String expression, String problem) {
        assertThatThrownBy(() -> CronRuns.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem)
                .hasMessageEndingWith("was '" + expression + "'");
    }
}
