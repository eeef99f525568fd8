package io.scheduledreports.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.HolidayCalendar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcsCalendarTest {
    /**
     * Shaped like an export from a desktop calendar: CRLF lines, a folded SUMMARY, a VTIMEZONE, yearly all-day
     * events by date and by weekday, a two-day event, an excluded year, a finite series and a meeting.
     */
    private static final String EXPORT = String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example Corp//Holidays 1.0//EN",
            "CALSCALE:GREGORIAN",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Berlin",
            "BEGIN:STANDARD",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:newyear@example.com",
            "DTSTAMP:20260101T000000Z",
            "DTSTART;VALUE=DATE:20200101",
            "DTEND;VALUE=DATE:20200102",
            "RRULE:FREQ=YEARLY",
            "SUMMARY:New Year's Day",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:christmas@example.com",
            "DTSTART;VALUE=DATE:20201224",
            "DTEND;VALUE=DATE:20201227",
            "RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24",
            "EXDATE;VALUE=DATE:20281224",
            "SUMMARY:Christmas Eve\\, Christmas Day and St. Stephen's Day (office clo",
            " sed)",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:thanksgiving@example.com",
            "DTSTART;VALUE=DATE:20201126",
            "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
            "SUMMARY:Thanksgiving",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:memorial@example.com",
            "DTSTART;VALUE=DATE:20200525",
            "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO;UNTIL=20281231",
            "SUMMARY:Memorial Day",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:founders@example.com",
            "DTSTART;VALUE=DATE:20270312",
            "SUMMARY:Founders' day (once)",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:standup@example.com",
            "DTSTART;TZID=Europe/Berlin:20270104T091500",
            "DTEND;TZID=Europe/Berlin:20270104T093000",
            "RRULE:FREQ=WEEKLY;BYDAY=MO",
            "SUMMARY:Stand-up",
            "END:VEVENT",
            "END:VCALENDAR",
            "");

    @Test
    void readsYearlyAllDayEventsFromAnExportedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("holidays.ics");
        Files.writeString(file, EXPORT, StandardCharsets.UTF_8);

        IcsCalendar calendar = IcsCalendar.read("office", file, HolidayCalendar.SATURDAY_SUNDAY);

        assertThat(calendar.eventCount()).isEqualTo(5);
        assertThat(calendar.ignoredTimedEvents()).isEqualTo(1);
        assertThat(calendar.isHoliday(LocalDate.parse("2031-01-01"))).isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2031-01-02"))).isFalse(); // DTEND is exclusive
        assertThat(calendar.isHoliday(LocalDate.parse("2027-12-24"))).isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2027-12-26"))).isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2027-12-27"))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.parse("2028-12-25"))).isFalse(); // EXDATE 2028
        assertThat(calendar.isHoliday(LocalDate.parse("2027-11-25"))).isTrue(); // 4th Thursday
        assertThat(calendar.isHoliday(LocalDate.parse("2027-05-31"))).isTrue(); // last Monday
        assertThat(calendar.isHoliday(LocalDate.parse("2029-05-28"))).isFalse(); // after UNTIL
        assertThat(calendar.isHoliday(LocalDate.parse("2027-03-12"))).isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2028-03-12"))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.parse("2019-12-24"))).isFalse(); // before DTSTART
        assertThat(calendar.isHoliday(LocalDate.parse("2027-01-04"))).isFalse(); // the meeting
    }

    @Test
    void anImportedCalendarDrivesABusinessDaySchedule(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("holidays.ics");
        Files.writeString(file, EXPORT, StandardCharsets.UTF_8);
        IcsCalendar calendar = IcsCalendar.read("office", file, HolidayCalendar.SATURDAY_SUNDAY);

        ScheduleSpec spec = ScheduleSpec.fromJson("""
                {"cadence": "monthly", "day_of_month": "first_business_day", "time": "08:00",
                 "timezone": "Europe/Berlin", "holiday_calendar": "office"}""", HolidayCalendars.of(Map.of("office", calendar)));

        // 2032-01-01 is a Thursday holiday: Friday the 2nd.
        assertThat(spec.nextRuns(Instant.parse("2031-12-15T00:00:00Z"), 1))
                .extracting(i -> LocalDateTime.ofInstant(i, ZoneId.of("Europe/Berlin")))
                .containsExactly(LocalDateTime.parse("2032-01-02T08:00"));
    }

    @Test
    void refusesWhatItCannotReadNamingTheLine() {
        String weekly = EXPORT.replace("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "RRULE:FREQ=MONTHLY;BYDAY=4TH");
        assertThatThrownBy(() -> IcsCalendar.parse("office", weekly, HolidayCalendar.SATURDAY_SUNDAY))
                .hasMessage("ics office: the RRULE of the VEVENT at line 31 must have FREQ=YEARLY, was"
                        + " 'FREQ=MONTHLY;BYDAY=4TH'");
        String list = EXPORT.replace("BYMONTH=11;BYDAY=4TH", "BYMONTH=11;BYDAY=4TH,1FR");
        assertThatThrownBy(() -> IcsCalendar.parse("office", list, HolidayCalendar.SATURDAY_SUNDAY))
                .hasMessageContaining("must have one BYDAY with an ordinal such as 3MO or -1MO");
        assertThatThrownBy(() -> IcsCalendar.parse("office", "hello", HolidayCalendar.SATURDAY_SUNDAY))
                .hasMessage("ics office: must start with BEGIN:VCALENDAR");
        String badDate = EXPORT.replace("DTSTART;VALUE=DATE:20270312", "DTSTART;VALUE=DATE:2027-03-12");
        assertThatThrownBy(() -> IcsCalendar.parse("office", badDate, HolidayCalendar.SATURDAY_SUNDAY))
                .hasMessageContaining("DTSTART of the VEVENT at line 43 must be a date yyyyMMdd");
    }
}
