package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.calendar.TenantCalendars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ScheduledReportsCalendarsAutoConfigurationTest {
    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ScheduledReportsCalendarsAutoConfiguration.class));

    @Test
    void readsRulesWeekendTenantsAndAnIcsFileFromProperties() throws Exception {
        Path ics = dir.resolve("extra.ics");
        Files.writeString(
                ics,
                String.join(
                        "\r\n",
                        "BEGIN:VCALENDAR",
                        "BEGIN:VEVENT",
                        "DTSTART;VALUE=DATE:20270315",
                        "RRULE:FREQ=YEARLY",
                        "END:VEVENT",
                        "END:VCALENDAR",
                        ""));
        runner.withPropertyValues(
                        "scheduled-reports.calendars.office.holidays=12-25,easter+1",
                        "scheduled-reports.calendars.office.ics=" + ics,
                        "scheduled-reports.calendars.office.weekend=FRIDAY,SATURDAY",
                        "scheduled-reports.calendars.own.tenants=globex")
                .run(context -> {
                    TenantCalendars calendars = context.getBean(TenantCalendars.class);
                    var office = calendars.forTenant("acme").find("office").orElseThrow();
                    assertThat(office.isHoliday(LocalDate.parse("2027-12-25"))).isTrue();
                    assertThat(office.isHoliday(LocalDate.parse("2027-03-29"))).isTrue(); // Easter Monday
                    assertThat(office.isHoliday(LocalDate.parse("2030-03-15"))).isTrue(); // from the file
                    assertThat(office.isHoliday(LocalDate.parse("2030-03-14"))).isFalse();
                    assertThat(office.weekend()).containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
                    assertThat(calendars.forTenant("acme").find("own")).isEmpty();
                    assertThat(calendars.forTenant("globex").find("own")).isPresent();
                    assertThat(context).hasSingleBean(ScheduledReportsBuilderCustomizer.class);
                });
    }

    @Test
    void aBadRuleFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("scheduled-reports.calendars.office.holidays=12-25,13-45")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining(
                                "scheduled-reports.calendars.office.holidays[1]: holidays: no such date in rule"
                                        + " '13-45'"));
    }

    @Test
    void aMissingIcsFileFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("scheduled-reports.calendars.office.ics=" + dir.resolve("missing.ics"))
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining(
                                "scheduled-reports.calendars.office.ics: holiday_calendar office:" + " cannot read"));
    }
}
