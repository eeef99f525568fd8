package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scheduledreports.core.calendar.HolidayRules;
import io.scheduledreports.core.calendar.TenantCalendars;
import io.scheduledreports.core.schedule.InvalidScheduleException;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Named holiday calendars registered on the builder, seen per tenant, used by stored schedules when they are
 * shown, fired and resumed; on each database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class HolidayCalendarSchedulesTest {
    static final Instant T0 = Instant.parse("2027-12-20T12:00:00Z");
    static final String FIRST_BUSINESS_DAY = """
            {"cadence":"monthly","day_of_month":"first_business_day","time":"09:00","timezone":"UTC",
             "holiday_calendar":"office"}""";

    final Actor acme = Actor.of("acme", "alice");
    final Actor globex = Actor.of("globex", "gina");
    final Actor initech = Actor.of("initech", "ian");

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
        TenantCalendars calendars = TenantCalendars.builder()
                .shared("office", HolidayRules.builder("office").rules("01-01").build())
                // globex also closes on January 3rd and 4th 2028
                .tenant(
                        "globex",
                        "office",
                        HolidayRules.builder("globex-office")
                                .rules("01-01", "2028-01-03", "2028-01-04")
                                .build())
                .build();
        kit = ReportsTestKit.start(f.builder().holidayCalendars(calendars), T0);
        reports = kit.reports();
    }

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        f.close();
    }

    private ScheduleRequest request(Actor actor, String json) {
        return ScheduleRequest.builder()
                .name("Month start")
                .reportType("sales")
                .outputFormat("csv")
                .schedule(json, reports.holidayCalendars(actor.tenantId()))
                .recipient("email", actor.userId() + "@example.test")
                .build();
    }

    @Test
    void eachTenantSeesItsOwnCalendarBeforeTheSharedOne() {
        ScheduledReport shared = reports.create(acme, request(acme, FIRST_BUSINESS_DAY));
        ScheduledReport own = reports.create(globex, request(globex, FIRST_BUSINESS_DAY));

        // 2028-01-01 is a Saturday: the first business day is Monday the 3rd, for globex Wednesday the 5th.
        assertThat(shared.nextRunAt()).isEqualTo(Instant.parse("2028-01-03T09:00:00Z"));
        assertThat(own.nextRunAt()).isEqualTo(Instant.parse("2028-01-05T09:00:00Z"));
        assertThat(reports.get(globex, own.id()).upcomingRuns())
                .startsWith(Instant.parse("2028-01-05T09:00:00Z"), Instant.parse("2028-02-01T09:00:00Z"));
    }

    @Test
    void firingUsesTheCalendarAndSchedulesTheNextBusinessDay() {
        ScheduledReport s = reports.create(globex, request(globex, FIRST_BUSINESS_DAY));

        kit.advanceTo(Instant.parse("2028-01-05T09:00:01Z"));

        ScheduledReport after = reports.get(globex, s.id());
        assertThat(after.lastRunAt()).isEqualTo(Instant.parse("2028-01-05T09:00:00Z"));
        assertThat(after.nextRunAt()).isEqualTo(Instant.parse("2028-02-01T09:00:00Z"));
        assertThat(LocalDate.ofInstant(after.lastRunAt(), java.time.ZoneOffset.UTC)
                        .getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.WEDNESDAY);
    }

    @Test
    void aScheduleWhoseCalendarIsNoLongerRegisteredWaitsForItInsteadOfFailing() throws Exception {
        ScheduledReport s = reports.create(acme, request(acme, FIRST_BUSINESS_DAY));
        kit.close();
        kit = ReportsTestKit.start(f.builder(), T0); // restarted without calendars
        reports = kit.reports();

        kit.advanceTo(Instant.parse("2028-01-03T09:30:00Z"));

        assertThat(reports.executions(acme, s.id(), PageRequest.first()).items())
                .isEmpty();
        kit.close();
        kit = ReportsTestKit.start(
                f.builder()
                        .holidayCalendars(TenantCalendars.builder()
                                .shared(
                                        "office",
                                        HolidayRules.builder("office")
                                                .rules("01-01")
                                                .build())
                                .build()),
                Instant.parse("2028-01-03T09:30:00Z"));
        reports = kit.reports();
        kit.advanceTo(Instant.parse("2028-01-03T10:30:00Z"));

        assertThat(reports.executions(acme, s.id(), PageRequest.first()).items())
                .extracting(Execution::scheduledFor)
                .containsExactly(Instant.parse("2028-01-03T09:00:00Z"));
    }

    @Test
    void aCalendarTheTenantCannotSeeIsRejectedNamingTheField() {
        InvalidScheduleException unknownInJson = catchThrowableOfType(
                InvalidScheduleException.class,
                () -> request(initech, FIRST_BUSINESS_DAY.replace("office", "payroll")));
        assertThat(unknownInJson.field()).isEqualTo("holiday_calendar");
        assertThat(unknownInJson)
                .hasMessage("holiday_calendar: unknown calendar 'payroll'; register it with the host first");

        // built with another tenant's view, then given to create as initech: refused by create itself
        ScheduleRequest other = ScheduleRequest.builder()
                .name("x")
                .reportType("sales")
                .outputFormat("csv")
                .schedule(
                        FIRST_BUSINESS_DAY.replace("office", "private"),
                        io.scheduledreports.core.calendar.HolidayCalendars.of(java.util.Map.of(
                                "private", HolidayRules.builder("private").build())))
                .recipient("email", "ian@example.test")
                .build();
        InvalidScheduleException refused =
                catchThrowableOfType(InvalidScheduleException.class, () -> reports.create(initech, other));
        assertThat(refused.field()).isEqualTo("holiday_calendar");
    }
}
