package io.scheduledreports.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayRulesTest {
    @ParameterizedTest
    @CsvSource({
        // Published Western (Gregorian) Easter dates.
        "1961, 1961-04-02",
        "2000, 2000-04-23",
        "2008, 2008-03-23",
        "2011, 2011-04-24",
        "2019, 2019-04-21",
        "2024, 2024-03-31",
        "2025, 2025-04-20",
        "2027, 2027-03-28",
        "2038, 2038-04-25",
    })
    void computesEasterSunday(int year, LocalDate easter) {
        assertThat(HolidayRules.easterSunday(year)).isEqualTo(easter);
    }

    @Test
    void easterRelativeDaysFollowEaster() {
        HolidayRules calendar = HolidayRules.builder("easter")
                .rules("easter-2", "easter+1", "easter+39")
                .build();

        assertThat(calendar.isHoliday(LocalDate.parse("2027-03-26"))).isTrue(); // Good Friday
        assertThat(calendar.isHoliday(LocalDate.parse("2027-03-29"))).isTrue(); // Easter Monday
        assertThat(calendar.isHoliday(LocalDate.parse("2027-05-06"))).isTrue(); // Ascension
        assertThat(calendar.isHoliday(LocalDate.parse("2027-03-28"))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.parse("2028-04-14"))).isTrue(); // Good Friday 2028
    }

    @Test
    void observedDatesMoveOffTheWeekendAcrossTheYearEnd() {
        HolidayRules calendar = HolidayRules.builder("observed")
                .rules("01-01 observed", "07-04 observed")
                .build();

        assertThat(calendar.isHoliday(LocalDate.parse("2027-12-31"))).isTrue(); // 2028-01-01 is a Saturday
        assertThat(calendar.isHoliday(LocalDate.parse("2028-01-01"))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.parse("2027-07-05"))).isTrue(); // 2027-07-04 is a Sunday
        assertThat(calendar.isHoliday(LocalDate.parse("2027-07-04"))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.parse("2029-07-04"))).isTrue(); // a Wednesday
    }

    @Test
    void nthAndLastWeekdaysOfAMonth() {
        HolidayRules calendar =
                HolidayRules.builder("us").rules("NOV THU#4", "may mon#-1").build();

        assertThat(calendar.isHoliday(LocalDate.parse("2027-11-25"))).isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2027-11-18"))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.parse("2027-05-31"))).isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2026-05-25"))).isTrue();
    }

    @Test
    void fixedAndYearlyDatesAndTheWeekend() {
        HolidayRules calendar = HolidayRules.builder("gulf")
                .weekend(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY))
                .date(LocalDate.parse("2027-03-10"))
                .yearly(MonthDay.of(Month.FEBRUARY, 29))
                .nthWeekday(Month.JANUARY, DayOfWeek.MONDAY, 1)
                .easter(0)
                .build();

        assertThat(calendar.isHoliday(LocalDate.parse("2027-03-10"))).isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2028-03-10"))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.parse("2028-02-29"))).isTrue();
        assertThat(calendar.isBusinessDay(LocalDate.parse("2027-03-12"))).isFalse(); // a Friday
        assertThat(calendar.isBusinessDay(LocalDate.parse("2027-03-14"))).isTrue(); // a Sunday
        assertThat(calendar.rules()).containsExactly("2027-03-10", "02-29", "JAN MON#1", "easter");
        assertThat(HolidayRules.builder("gulf")
                        .weekend(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY))
                        .rules(calendar.rules().toArray(String[]::new))
                        .build())
                .isEqualTo(calendar);
    }

    @Test
    void badRulesAreRejectedWithTheRule() {
        assertThatThrownBy(() -> HolidayRules.builder("x").rule("13-01"))
                .hasMessage("holidays: no such date in rule '13-01'");
        assertThatThrownBy(() -> HolidayRules.builder("x").rule("third monday of january"))
                .hasMessageStartingWith("holidays: must be a date (2027-11-26), a yearly date")
                .hasMessageEndingWith("was 'third monday of january'");
        assertThatThrownBy(() -> HolidayRules.builder("x").rule("JAN MON#6")).hasMessageEndingWith("was 'JAN MON#6'");
        assertThatThrownBy(() -> HolidayRules.builder("x").weekend(Set.of(DayOfWeek.values())))
                .hasMessageStartingWith("weekend: must be 0-6 days");
        assertThatThrownBy(() -> HolidayRules.builder("bad name"))
                .hasMessageStartingWith("holiday_calendar: must be 1-64 letters");
    }
}
