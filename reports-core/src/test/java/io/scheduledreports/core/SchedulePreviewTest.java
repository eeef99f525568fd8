package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.scheduledreports.core.ScheduleWarning.Code;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.ReportsValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Preview before saving, warnings on create and update, and local times (README: "Schedules"). */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SchedulePreviewTest {

    static final Instant T0 = Instant.parse("2027-03-01T12:00:00Z");
    static final String NEW_YORK_0230 = "{\"cadence\":\"daily\",\"time\":\"02:30\",\"timezone\":\"America/New_York\"}";

    final Actor alice = Actor.of("acme", "alice");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;

    void start(java.util.function.UnaryOperator<ScheduledReports.Builder> custom) {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(custom.apply(f.builder()), T0);
        reports = kit.reports();
    }

    void start() {
        start(b -> b);
    }

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (f != null) {
            f.close();
        }
    }

    static ScheduleRequest.Builder sales(String schedule) {
        return ScheduleRequest.builder()
                .name("Sales")
                .reportType("sales")
                .param("date_range", "last_7_days")
                .param("region", "north")
                .outputFormat("csv")
                .schedule(schedule)
                .recipient("email", "alice@acme.test");
    }

    @Test
    void previewShowsRunsInUtcAndLocalTheDaylightSavingWarningsAndTheFirstRowsAndWritesNothing() {
        start();
        f.sales.rows(25);
        Map<String, Long> before = f.sql.snapshot();

        SchedulePreview p = reports.preview(alice, sales(NEW_YORK_0230).build());

        assertThat(f.sql.snapshot()).as("row counts of every table").isEqualTo(before);
        assertThat(f.email.received()).isEmpty();
        assertThat(p.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(p.nextRuns()).hasSize(10);
        assertThat(p.nextRuns().get(0).utc()).isEqualTo(Instant.parse("2027-03-02T07:30:00Z"));
        assertThat(p.nextRuns().get(0).local()).isEqualTo(OffsetDateTime.parse("2027-03-02T02:30:00-05:00"));
        assertThat(p.nextRuns())
                .allSatisfy(r -> assertThat(r.local().toInstant()).isEqualTo(r.utc()));
        assertThat(p.warnings())
                .extracting(ScheduleWarning::code, ScheduleWarning::message, ScheduleWarning::field)
                .containsExactly(tuple(
                        Code.DST_GAP,
                        "02:30 does not exist on 2027-03-14 in America/New_York; runs at 03:30 EDT",
                        "schedule.time"));
        assertThat(p.sample()).isNotNull();
        assertThat(p.sample().columns()).extracting(Column::name).containsExactly("tenant", "window", "n", "amount");
        assertThat(p.sample().rows()).hasSize(20);
        assertThat(p.sample().truncated()).as("25 rows, 20 shown").isTrue();
        assertThat(p.sample().rows().get(3))
                .containsExactly("acme", "2027-02-23..2027-03-01", 3L, new java.math.BigDecimal("3.50"));
    }

    @Test
    void previewOfAShortReportIsNotTruncated() {
        start();
        SchedulePreview p = reports.preview(alice, sales(NEW_YORK_0230).build());
        assertThat(p.sample().rows()).hasSize(3);
        assertThat(p.sample().truncated()).isFalse();
    }

    @Test
    void previewRefusesWhatCreateRefusesNamingTheFieldAndWritesNothing() {
        start();
        Map<String, Long> before = f.sql.snapshot();
        assertThatThrownBy(() -> reports.preview(
                        alice, sales(NEW_YORK_0230).reportType("nope").build()))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("report_type: unknown report type 'nope'");
        assertThatThrownBy(() -> reports.preview(
                        alice, sales(NEW_YORK_0230).param("region", "west").build()))
                .isInstanceOf(ReportsValidationException.class)
                .extracting(e -> ((ReportsValidationException) e).field())
                .isEqualTo("report_params.region");
        assertThatThrownBy(() -> reports.preview(
                        alice, sales(NEW_YORK_0230).recipient("fax", "123").build()))
                .isInstanceOf(ReportsValidationException.class)
                .extracting(e -> ((ReportsValidationException) e).field())
                .isEqualTo("recipients[1].channel");
        assertThat(f.sql.snapshot()).isEqualTo(before);
        assertThat(f.sales.generations).as("the report type never ran").hasValue(0);
    }

    @Test
    void aFailingReportTypeGivesNoSampleButAWarning() {
        start();
        f.sales.hook(r -> {
            throw new ReportsException(io.scheduledreports.spi.ErrorCategory.DATA, "the warehouse is offline");
        });
        SchedulePreview p = reports.preview(alice, sales(NEW_YORK_0230).build());
        assertThat(p.sample()).isNull();
        assertThat(p.nextRuns()).hasSize(10);
        assertThat(p.warnings()).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo(Code.SAMPLE_FAILED);
            assertThat(w.message()).contains("the warehouse is offline");
            assertThat(w.field()).isEqualTo("report_type");
        });
    }

    @Test
    void aSlowReportTypeIsStoppedAtThePreviewTimeout() {
        start(b -> b.previewTimeout(Duration.ofMillis(300)));
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        f.sales.hook(r -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        long t0 = System.nanoTime();
        SchedulePreview p = reports.preview(alice, sales(NEW_YORK_0230).build());
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(ms).as("answered after the timeout, not after the report").isBetween(300L, 10_000L);
        assertThat(p.sample()).isNull();
        assertThat(p.warnings()).extracting(ScheduleWarning::code).contains(Code.SAMPLE_TIMEOUT);
        assertThat(awaitQuietly(interrupted))
                .as("the report's thread was interrupted")
                .isTrue();
    }

    @Test
    void cronRunsInsideTheRepeatedHourAreWarnedAbout() {
        start();
        SchedulePreview p = reports.preview(
                alice,
                sales("{\"cadence\":\"cron\",\"cron_expression\":\"15 1 * * *\",\"timezone\":\"America/New_York\"}")
                        .build());
        assertThat(p.warnings())
                .extracting(ScheduleWarning::code, ScheduleWarning::message, ScheduleWarning::field)
                .containsExactly(tuple(
                        Code.DST_OVERLAP,
                        "01:15 occurs twice on 2027-11-07 in America/New_York; runs once, at the first 01:15 EDT",
                        "schedule.cron_expression"));
    }

    @Test
    void zonesWithoutDaylightSavingAndTimesOutsideTheChangeHaveNoWarnings() {
        start();
        assertThat(reports.preview(
                                alice,
                                sales("{\"cadence\":\"daily\",\"time\":\"02:30\",\"timezone\":\"Asia/Tokyo\"}")
                                        .build())
                        .warnings())
                .isEmpty();
        assertThat(reports.preview(
                                alice,
                                sales("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"America/New_York\"}")
                                        .build())
                        .warnings())
                .isEmpty();
    }

    @Test
    void monthlyOnDay31WarnsThatShorterMonthsRunOnTheirLastDay() {
        start();
        SchedulePreview p = reports.preview(
                alice,
                sales("{\"cadence\":\"monthly\",\"day_of_month\":31,\"time\":\"09:00\",\"timezone\":\"Asia/Tokyo\"}")
                        .build());
        assertThat(p.warnings())
                .extracting(ScheduleWarning::code, ScheduleWarning::message, ScheduleWarning::field)
                .containsExactly(tuple(
                        Code.SHORT_MONTH,
                        "day 31 does not exist in every month: runs on the last day in shorter months (e.g."
                                + " 2027-04-30)",
                        "schedule.day_of_month"));
    }

    @Test
    void createAndUpdateWarnAboutAPossibleDuplicateOfTheSameOwner() {
        start();
        String tokyo = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Asia/Tokyo\"}";
        ScheduledReport first = reports.create(alice, sales(tokyo).build());
        assertThat(first.warnings()).isEmpty();

        ScheduledReport second = reports.create(
                alice,
                sales(tokyo)
                        .name("Sales again")
                        .recipient("email", "bob@acme.test")
                        .build());
        assertThat(second.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(Code.POSSIBLE_DUPLICATE);
            assertThat(w.field()).isEqualTo("recipients");
            assertThat(w.message())
                    .contains("'Sales' (" + first.id() + ")")
                    .contains("email:alice@acme.test")
                    .doesNotContain("bob@");
        });
        assertThat(reports.get(alice, second.id()).warnings())
                .as("reads carry no warnings")
                .isEmpty();

        ScheduledReport otherRecipient = reports.create(
                alice,
                sales(tokyo)
                        .name("To carol")
                        .recipients(java.util.List.of())
                        .recipient("email", "carol@acme.test")
                        .build());
        assertThat(otherRecipient.warnings()).as("no recipient in common").isEmpty();
        ScheduledReport otherRegion =
                reports.create(alice, sales(tokyo).param("region", "south").build());
        assertThat(otherRegion.warnings()).as("other parameters").isEmpty();
        assertThat(reports.create(Actor.of("acme", "bob"), sales(tokyo).build()).warnings())
                .as("another owner")
                .isEmpty();

        ScheduledReport updated = reports.update(
                alice,
                otherRegion.id(),
                otherRegion.version(),
                sales(NEW_YORK_0230).build());
        assertThat(updated.warnings())
                .extracting(ScheduleWarning::code)
                .containsExactlyInAnyOrder(Code.DST_GAP, Code.POSSIBLE_DUPLICATE, Code.POSSIBLE_DUPLICATE);
        assertThat(reports.preview(alice, sales(tokyo).build()).warnings())
                .extracting(ScheduleWarning::code)
                .containsOnly(Code.POSSIBLE_DUPLICATE);
    }

    @Test
    void schedulesCarryTheirRunsInTheirOwnZoneWithTheOffsetOfEachDay() {
        start();
        ScheduledReport s = reports.create(
                alice,
                sales("{\"cadence\":\"weekly\",\"day_of_week\":6,\"time\":\"09:00\",\"timezone\":\"America/New_York\"}")
                        .build());
        assertThat(s.nextRunAtLocal()).isEqualTo(OffsetDateTime.parse("2027-03-06T09:00:00-05:00"));
        assertThat(s.upcomingRunsLocal())
                .extracting(OffsetDateTime::toString)
                .startsWith("2027-03-06T09:00-05:00", "2027-03-13T09:00-05:00", "2027-03-20T09:00-04:00");
        assertThat(s.upcomingRunsLocal())
                .extracting(OffsetDateTime::toInstant)
                .containsExactlyElementsOf(s.upcomingRuns());
        reports.pause(alice, s.id());
        assertThat(reports.get(alice, s.id()).nextRunAtLocal()).isNull();
    }

    private static boolean awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            return latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
