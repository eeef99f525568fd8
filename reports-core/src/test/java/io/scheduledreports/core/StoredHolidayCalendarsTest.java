package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scheduledreports.core.calendar.CalendarDefinition;
import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.calendar.HolidayRules;
import io.scheduledreports.core.calendar.StoredHolidayCalendar;
import io.scheduledreports.core.calendar.TenantCalendars;
import io.scheduledreports.core.schedule.InvalidScheduleException;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.HolidayCalendar;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Holiday calendars stored per tenant through the API, on each database: they take precedence over the host's,
 * a change moves the next run of the schedules that use them at once (audited), and one in use is not deleted.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StoredHolidayCalendarsTest {
    /** Monday 2027-12-20; the Friday after is Christmas Eve. */
    static final Instant T0 = Instant.parse("2027-12-20T12:00:00Z");

    static final Set<DayOfWeek> WEEKEND = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    static final String FRIDAYS = """
            {"cadence":"weekly","day_of_week":5,"time":"09:00","timezone":"UTC","holiday_calendar":"office"}""";

    final Actor admin = Actor.of("acme", "root", Actor.ADMIN);
    final Actor alice = Actor.of("acme", "alice");
    final Actor globexAdmin = Actor.of("globex", "gina", Actor.ADMIN);

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;

    @BeforeEach
    void start() {
        f = new EngineFixture(database, artifacts);
        // the host configures "office" with New Year's Day only, for every tenant
        kit = ReportsTestKit.start(
                f.builder()
                        .holidayCalendars(TenantCalendars.builder()
                                .shared(
                                        "office",
                                        HolidayRules.builder("office")
                                                .rules("01-01")
                                                .build())
                                .build()),
                T0);
        reports = kit.reports();
    }

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        f.close();
    }

    private ScheduledReport create(Actor actor, String json) {
        return reports.create(
                actor,
                ScheduleRequest.builder()
                        .name("Fridays")
                        .reportType("sales")
                        .outputFormat("csv")
                        .schedule(json, reports.holidayCalendars(actor.tenantId()))
                        .recipient("email", actor.userId() + "@example.test")
                        .build());
    }

    private static CalendarDefinition rules(String... rules) {
        return CalendarDefinition.rules(WEEKEND, List.of(rules));
    }

    private List<String> audit(String entityType, String entityId) {
        return f.sql.strings("SELECT action FROM " + f.db.tables().auditEvents() + " WHERE entity_type = '" + entityType
                + "' AND entity_id = '" + entityId + "' ORDER BY occurred_at, id");
    }

    @Test
    void aRunOnADateNewlyDeclaredAHolidayMovesToTheNextBusinessDayRightAfterTheCalendarChange() {
        ScheduledReport s = create(alice, FRIDAYS);
        assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2027-12-24T09:00:00Z"));

        StoredHolidayCalendar stored = reports.putHolidayCalendar(admin, "office", rules("01-01", "12-24"), 0L);

        assertThat(stored.version()).isEqualTo(1);
        ScheduledReport moved = reports.get(alice, s.id());
        assertThat(moved.nextRunAt()).isEqualTo(Instant.parse("2027-12-27T09:00:00Z"));
        assertThat(moved.version()).as("not a change by the owner").isEqualTo(s.version());
        assertThat(moved.upcomingRunsDetail().get(0))
                .isEqualTo(new UpcomingRun(
                        Instant.parse("2027-12-27T09:00:00Z"),
                        LocalDate.parse("2027-12-24"),
                        "2027-12-24 is a holiday in calendar office"));
        // 2027-12-31 is not a holiday here: "01-01" without "observed"
        assertThat(moved.upcomingRunsDetail().get(1))
                .isEqualTo(new UpcomingRun(Instant.parse("2027-12-31T09:00:00Z"), null, null));
        assertThat(audit("schedule", s.id())).containsExactly("CREATE", "RECALCULATE");
        assertThat(audit("holiday_calendar", "office")).containsExactly("CREATE");
        assertThat(f.sql.strings("SELECT new_value FROM " + f.db.tables().auditEvents()
                        + " WHERE entity_type = 'holiday_calendar'"))
                .singleElement()
                .asString()
                .contains(s.id());

        kit.advanceTo(Instant.parse("2027-12-27T09:00:01Z"));

        assertThat(reports.executions(alice, s.id(), PageRequest.first()).items())
                .extracting(Execution::scheduledFor)
                .containsExactly(Instant.parse("2027-12-27T09:00:00Z"));
    }

    @Test
    void theTenantsStoredCalendarHidesTheHostsAndDeletingItFallsBackToTheHosts() {
        ScheduledReport s = create(alice, FRIDAYS);
        reports.putHolidayCalendar(admin, "office", rules("12-24"), null);
        assertThat(reports.get(alice, s.id()).nextRunAt()).isEqualTo(Instant.parse("2027-12-27T09:00:00Z"));
        // another tenant still sees the host's calendar
        ScheduledReport globex = create(Actor.of("globex", "gina"), FRIDAYS);
        assertThat(globex.nextRunAt()).isEqualTo(Instant.parse("2027-12-24T09:00:00Z"));

        reports.deleteHolidayCalendar(admin, "office"); // in use, but the host's "office" takes its place

        assertThat(reports.get(alice, s.id()).nextRunAt()).isEqualTo(Instant.parse("2027-12-24T09:00:00Z"));
        assertThat(reports.storedHolidayCalendars(admin)).isEmpty();
        assertThat(reports.hostHolidayCalendarNames(admin)).containsExactly("office");
        assertThat(audit("holiday_calendar", "office")).containsExactly("CREATE", "DELETE");
    }

    @Test
    void aCalendarInUseIsNotDeletedAndTheErrorNamesTheSchedules() {
        reports.putHolidayCalendar(admin, "payroll", rules("12-24"), 0L);
        ScheduledReport s = create(alice, FRIDAYS.replace("office", "payroll"));
        assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2027-12-27T09:00:00Z"));

        CalendarInUseException inUse = catchThrowableOfType(
                CalendarInUseException.class, () -> reports.deleteHolidayCalendar(admin, "payroll"));

        assertThat(inUse.scheduleIds()).containsExactly(s.id());
        assertThat(inUse.scheduleCount()).isEqualTo(1);
        assertThat(inUse).hasMessageContaining(s.id()).hasMessageStartingWith("holiday_calendar: 'payroll'");
        assertThat(reports.storedHolidayCalendar(admin, "payroll").version()).isEqualTo(1);

        reports.delete(alice, s.id());
        reports.deleteHolidayCalendar(admin, "payroll");

        InvalidScheduleException unknown = catchThrowableOfType(
                InvalidScheduleException.class, () -> create(alice, FRIDAYS.replace("office", "payroll")));
        assertThat(unknown.field()).isEqualTo("holiday_calendar");
        assertThat(catchThrowableOfType(
                        ReportsNotFoundException.class, () -> reports.storedHolidayCalendar(admin, "payroll")))
                .isNotNull();
    }

    @Test
    void aScheduleNamingACalendarDeletedAfterItWasReadIsRefusedByCreate() {
        reports.putHolidayCalendar(admin, "payroll", rules("12-24"), 0L);
        ScheduleRequest request = ScheduleRequest.builder()
                .name("Fridays")
                .reportType("sales")
                .outputFormat("csv")
                .schedule(FRIDAYS.replace("office", "payroll"), reports.holidayCalendars("acme"))
                .recipient("email", "alice@example.test")
                .build();
        reports.deleteHolidayCalendar(admin, "payroll");

        InvalidScheduleException refused =
                catchThrowableOfType(InvalidScheduleException.class, () -> reports.create(alice, request));

        assertThat(refused.field()).isEqualTo("holiday_calendar");
        assertThat(f.sql.count(f.db.tables().schedules())).isZero();
    }

    @Test
    void aStoredCalendarIsTheTenantsOwn() {
        reports.putHolidayCalendar(admin, "payroll", rules("12-24"), 0L);

        assertThat(reports.holidayCalendars("acme").find("payroll")).isPresent();
        assertThat(reports.holidayCalendars("globex").find("payroll")).isEmpty();
        assertThat(reports.storedHolidayCalendars(globexAdmin)).isEmpty();
        assertThat(catchThrowableOfType(
                        ReportsNotFoundException.class, () -> reports.deleteHolidayCalendar(globexAdmin, "payroll")))
                .isNotNull();
    }

    @Test
    void onlyAnAdminStoresCalendarsAndEveryMistakeNamesItsFieldWithoutWritingAnything() {
        assertThat(catchThrowableOfType(
                        ReportsAccessDeniedException.class,
                        () -> reports.putHolidayCalendar(alice, "payroll", rules("12-24"), null)))
                .isNotNull();
        ReportsValidationException badRule = catchThrowableOfType(
                ReportsValidationException.class,
                () -> reports.putHolidayCalendar(admin, "payroll", rules("12-24", "DEC FRI#9"), null));
        assertThat(badRule.field()).isEqualTo("rules[1]");
        assertThat(badRule).hasMessageContaining("'DEC FRI#9'");
        ReportsValidationException badName = catchThrowableOfType(
                ReportsValidationException.class,
                () -> reports.putHolidayCalendar(admin, "no spaces", rules("12-24"), null));
        assertThat(badName.field()).isEqualTo("name");
        ReportsValidationException badIcs = catchThrowableOfType(
                ReportsValidationException.class,
                () -> reports.putHolidayCalendar(admin, "payroll", CalendarDefinition.ics(WEEKEND, "hello"), null));
        assertThat(badIcs.field()).isEqualTo("ics");
        assertThat(f.sql.count(f.db.tables().holidayCalendars())).isZero();

        reports.putHolidayCalendar(admin, "payroll", rules("12-24"), 0L);
        ReportsStaleVersionException stale = catchThrowableOfType(
                ReportsStaleVersionException.class,
                () -> reports.putHolidayCalendar(admin, "payroll", rules("12-31"), 0L));
        assertThat(stale.actual()).isEqualTo(1);
        assertThat(reports.storedHolidayCalendar(admin, "payroll").definition().rules())
                .containsExactly("12-24");
    }

    @Test
    void anImportedIcsCalendarIsStoredNormalisedAndMovesRuns() {
        String ics = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:x1@test\n"
                + "DTSTART;VALUE=DATE:20271224\nSUMMARY:Christmas Eve\nRRULE:FREQ=YEARLY\nEND:VEVENT\n"
                + "END:VCALENDAR\n";
        ScheduledReport s = create(alice, FRIDAYS);

        StoredHolidayCalendar stored =
                reports.putHolidayCalendar(admin, "office", CalendarDefinition.ics(WEEKEND, ics), null);

        assertThat(stored.definition().ics()).isEqualTo(ics.replace("\n", "\r\n"));
        StoredHolidayCalendar read = reports.storedHolidayCalendar(admin, "office");
        assertThat(read.definition()).isEqualTo(stored.definition());
        assertThat(reports.get(alice, s.id()).nextRunAt()).isEqualTo(Instant.parse("2027-12-27T09:00:00Z"));
        HolidayCalendar calendar =
                reports.holidayCalendars("acme").find("office").orElseThrow();
        assertThat(calendar.isHoliday(LocalDate.parse("2031-12-24"))).isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2028-01-01")))
                .as("the host's rule is hidden")
                .isFalse();
    }

    @Test
    void aPausedScheduleIsNotRecomputedButResumesUnderTheNewCalendar() {
        ScheduledReport s = create(alice, FRIDAYS);
        reports.pause(alice, s.id());

        reports.putHolidayCalendar(admin, "office", rules("12-24"), null);

        assertThat(audit("schedule", s.id())).containsExactly("CREATE", "PAUSE");
        assertThat(reports.resume(alice, s.id()).nextRunAt()).isEqualTo(Instant.parse("2027-12-27T09:00:00Z"));
    }

    @Test
    void hostCalendarsStillWorkWithoutAnyStoredOne() {
        HolidayCalendars view = reports.holidayCalendars("acme");
        assertThat(view.find("office")).isPresent();
        assertThat(create(alice, FRIDAYS.replace("\"time\":\"09:00\"", "\"time\":\"10:00\""))
                        .upcomingRunsDetail())
                .extracting(UpcomingRun::movedFrom)
                .containsOnlyNulls();
    }
}
