package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.Trigger;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lifecycle of schedules and executions, end to end, on a time-travelling clock, on each database. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class PipelineTest {

    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");
    static final String DAILY_9_PARIS = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Europe/Paris\"}";

    final Actor alice = Actor.of("acme", "alice");
    final Actor bob = Actor.of("acme", "bob");
    final Actor acmeAdmin = Actor.of("acme", "root", Actor.ADMIN);
    final Actor mallory = Actor.of("evil", "mallory", Actor.ADMIN);

    @Parameter
    TestDatabase database;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;

    @TempDir
    Path artifacts;

    @BeforeEach
    void start() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder(), T0);
        reports = kit.reports();
    }

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        f.close();
    }

    ScheduleRequest.Builder weeklySales() {
        return ScheduleRequest.builder()
                .name("Daily sales")
                .reportType("sales")
                .param("date_range", "last_7_days")
                .outputFormat("csv")
                .schedule(DAILY_9_PARIS)
                .recipient("email", "alice@acme.test")
                .recipient("email", "bob@acme.test");
    }

    @Test
    void createReturnsNextRunAndFiveUpcomingRunsAndAudits() {
        ScheduledReport s = reports.create(alice, weeklySales().build());

        assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-02-11T08:00:00Z"));
        assertThat(s.upcomingRuns()).hasSize(5).first().isEqualTo(s.nextRunAt());
        assertThat(s.recipients()).extracting(Recipient::id).doesNotContainNull();
        assertThat(s.ownerId()).isEqualTo("alice");
        assertThat(s.version()).isEqualTo(1);
        assertThat(f.sql.strings("SELECT action FROM " + f.db.tables().auditEvents()))
                .containsExactly("CREATE");
        assertThat(reports.get(alice, s.id())).isEqualTo(s);
    }

    @Test
    void firesAtTheScheduledInstantGeneratesOnceAndDeliversToEachRecipient() throws Exception {
        ScheduledReport s = reports.create(alice, weeklySales().build());

        kit.advanceTo(s.nextRunAt().minusSeconds(1));
        assertThat(reports.executions(alice, s.id(), PageRequest.first()).items())
                .isEmpty();

        kit.advance(Duration.ofSeconds(1));
        List<Execution> runs =
                reports.executions(alice, s.id(), PageRequest.first()).items();
        assertThat(runs).hasSize(1);
        Execution run = reports.execution(alice, runs.get(0).id());
        assertThat(run.scheduledFor()).isEqualTo(s.nextRunAt());
        assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULED);
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.rowCount()).isEqualTo(3);
        assertThat(run.artifact().fileName()).isEqualTo("daily-sales-2026-02-11.csv");
        assertThat(run.availableUntil()).isEqualTo(kit.now().plus(Duration.ofDays(90)));
        assertThat(run.deliveries()).hasSize(2).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(f.sales.generations).hasValue(1);

        byte[] downloaded;
        try (ArtifactDownload download = reports.openArtifact(alice, run.id());
                InputStream in = download.stream()) {
            downloaded = in.readAllBytes();
            assertThat(download.size()).isEqualTo(downloaded.length);
        }
        assertThat(new String(downloaded, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("tenant,window,n,amount\r\nacme,2026-02-04..2026-02-10,0,0.50\r\n");
        assertThat(f.email.received())
                .extracting(r -> r.destination())
                .containsExactlyInAnyOrder("alice@acme.test", "bob@acme.test");
        assertThat(f.email.received()).allSatisfy(r -> assertThat(r.content()).isEqualTo(downloaded));
        assertThat(f.email.received().get(0).variables())
                .containsEntry("report_name", "Daily sales")
                .containsEntry("timezone", "Europe/Paris")
                .containsEntry("row_count", "3");

        ScheduledReport after = reports.get(alice, s.id());
        assertThat(after.lastRunAt()).isEqualTo(s.nextRunAt());
        assertThat(after.nextRunAt()).isEqualTo(Instant.parse("2026-02-12T08:00:00Z"));

        kit.advance(Duration.ofDays(2));
        assertThat(reports.executions(alice, s.id(), PageRequest.first()).total())
                .isEqualTo(3);
        assertThat(f.sales.generations).hasValue(3);
    }

    @ParameterizedTest
    @EnumSource(MisfirePolicy.class)
    void afterThreeHoursOfDowntimeEachMisfirePolicyDoesWhatItSays(MisfirePolicy policy) {
        ScheduledReport s = reports.create(
                alice,
                weeklySales()
                        .schedule("{\"cadence\":\"cron\",\"cron_expression\":\"0 * * * *\",\"timezone\":\"UTC\"}")
                        .misfirePolicy(policy)
                        .build());
        assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-02-10T19:00:00Z"));
        kit.close(); // every instance down from 18:30 to 21:30: 19:00, 20:00 and 21:00 are missed

        kit = ReportsTestKit.start(f.builder(), Instant.parse("2026-02-10T21:30:00Z"));
        reports = kit.reports();
        kit.runDue();

        List<Instant> ran = reports.executions(alice, s.id(), PageRequest.first()).items().stream()
                .map(Execution::scheduledFor)
                .sorted()
                .toList();
        switch (policy) {
            case RUN_ONCE -> assertThat(ran).containsExactly(Instant.parse("2026-02-10T21:00:00Z"));
            case RUN_ALL ->
                assertThat(ran)
                        .containsExactly(
                                Instant.parse("2026-02-10T19:00:00Z"),
                                Instant.parse("2026-02-10T20:00:00Z"),
                                Instant.parse("2026-02-10T21:00:00Z"));
            case SKIP -> assertThat(ran).isEmpty();
        }
        assertThat(reports.get(alice, s.id()).nextRunAt()).isEqualTo(Instant.parse("2026-02-10T22:00:00Z"));

        kit.advanceTo(Instant.parse("2026-02-10T22:00:00Z"));
        assertThat(reports.executions(alice, s.id(), PageRequest.first()).total())
                .isEqualTo(ran.size() + 1);
        assertThat(f.sales.generations).hasValue(ran.size() + 1);
    }

    @Test
    void emptyAndUnchangedReportsAreSkippedByTheirPolicy() {
        f.sales.rows(0);
        ScheduledReport empty = reports.create(
                alice,
                weeklySales().emptyReportPolicy(EmptyReportPolicy.NOT_EMPTY).build());
        f.sales.rows(2);
        ScheduledReport changed = reports.create(
                alice,
                weeklySales()
                        .params(Map.of())
                        .emptyReportPolicy(EmptyReportPolicy.CHANGED)
                        .recipients(List.of(Recipient.of("email", "carol@acme.test")))
                        .build());
        f.sales.rows(0);
        kit.advanceTo(empty.nextRunAt());
        assertThat(reports.executions(alice, empty.id(), PageRequest.first()).items())
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SKIPPED));

        f.sales.rows(2);
        kit.advance(Duration.ofDays(2)); // the same two rows on both days: delivered, then skipped
        assertThat(reports.executions(alice, changed.id(), PageRequest.first()).items())
                .extracting(Execution::status)
                .as("latest first: same rows as the day before, new rows, first run")
                .containsExactly(ExecutionStatus.SKIPPED, ExecutionStatus.SUCCEEDED, ExecutionStatus.SUCCEEDED);
        assertThat(f.email.receivedBy("carol@acme.test")).hasSize(2);
        assertThat(f.email.receivedBy("alice@acme.test"))
                .as("the non-empty runs of the first schedule")
                .hasSize(2);
    }

    @Test
    void runNowQueuesAManualRunThatGoesFirst() {
        ScheduledReport s = reports.create(alice, weeklySales().build());
        Execution manual = reports.runNow(alice, s.id());

        assertThat(manual.trigger()).isEqualTo(Trigger.MANUAL);
        assertThat(manual.status()).isEqualTo(ExecutionStatus.QUEUED);
        kit.runDue();
        assertThat(reports.execution(alice, manual.id()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(f.email.received()).hasSize(2);
        assertThat(reports.get(alice, s.id()).nextRunAt()).isEqualTo(s.nextRunAt());
    }

    @Test
    void pausedScheduleDoesNotFireAndResumeComputesTheNextRunFromNow() {
        ScheduledReport s = reports.create(alice, weeklySales().build());
        ScheduledReport paused = reports.pause(alice, s.id());
        assertThat(paused.status()).isEqualTo(ScheduleStatus.PAUSED);
        assertThat(paused.nextRunAt()).isNull();
        assertThat(paused.upcomingRuns()).isEmpty();

        kit.advance(Duration.ofDays(3));
        assertThat(f.sales.generations).hasValue(0);

        ScheduledReport resumed = reports.resume(alice, s.id());
        assertThat(resumed.status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(resumed.nextRunAt()).isEqualTo(Instant.parse("2026-02-14T08:00:00Z"));
        kit.advance(Duration.ofDays(1));
        assertThat(f.sales.generations).hasValue(1);
        assertThat(f.sql.strings("SELECT action FROM " + f.db.tables().auditEvents() + " ORDER BY occurred_at, id"))
                .containsExactly("CREATE", "PAUSE", "RESUME");
    }

    @Test
    void updateReschedulesAtomicallyAndRejectsAStaleVersion() {
        ScheduledReport s = reports.create(alice, weeklySales().build());
        ScheduleRequest later = weeklySales()
                .schedule("{\"cadence\":\"daily\",\"time\":\"17:30\",\"timezone\":\"Europe/Paris\"}")
                .recipients(List.of(Recipient.of("email", "bob@acme.test"), Recipient.of("email", "carol@acme.test")))
                .build();

        ScheduledReport updated = reports.update(alice, s.id(), s.version(), later);

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.nextRunAt()).isEqualTo(Instant.parse("2026-02-11T16:30:00Z"));
        assertThat(updated.recipients())
                .extracting(Recipient::destination)
                .containsExactly("bob@acme.test", "carol@acme.test");
        String bobId = s.recipients().stream()
                .filter(r -> r.destination().equals("bob@acme.test"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(updated.recipients().get(0).id())
                .as("kept recipients keep their id")
                .isEqualTo(bobId);
        assertThatThrownBy(() -> reports.update(bob, s.id(), s.version(), later))
                .as("another owner's schedule is not visible to bob (Visibility.OWNER)")
                .isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.update(alice, s.id(), s.version(), later))
                .isInstanceOf(ReportsStaleVersionException.class)
                .hasMessageContaining("version 1 is stale, current is 2");

        kit.advanceTo(Instant.parse("2026-02-11T08:00:01Z"));
        assertThat(f.sales.generations).as("the old 09:00 run no longer fires").hasValue(0);
        kit.advanceTo(Instant.parse("2026-02-11T16:30:00Z"));
        assertThat(f.sales.generations).hasValue(1);
        assertThat(f.email.received())
                .extracting(r -> r.destination())
                .containsExactlyInAnyOrder("bob@acme.test", "carol@acme.test");
    }

    @Test
    void deleteCancelsPendingWorkAndHidesTheSchedule() {
        ScheduledReport s = reports.create(alice, weeklySales().build());
        Execution manual = reports.runNow(alice, s.id());

        reports.delete(alice, s.id());
        kit.advance(Duration.ofDays(2));

        assertThat(f.sales.generations).hasValue(0);
        assertThatThrownBy(() -> reports.get(alice, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThat(reports.list(alice, ScheduleQuery.all()).total()).isZero();
        assertThat(reports.execution(alice, manual.id()).status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(f.sql.count(f.db.tables().tasks(), "task_name NOT IN ('report-maintenance', 'report-retention')"))
                .isZero();
    }

    @Test
    void oneFailingRecipientDoesNotStopTheOthers() {
        f.email.fail("bob@acme.test", ErrorCategory.DATA);
        ScheduledReport s = reports.create(alice, weeklySales().build());

        kit.advanceTo(s.nextRunAt());

        Execution run = reports.execution(
                alice,
                reports.executions(alice, s.id(), PageRequest.first())
                        .items()
                        .get(0)
                        .id());
        assertThat(run.status()).isEqualTo(ExecutionStatus.PARTIALLY_DELIVERED);
        assertThat(f.email.receivedBy("alice@acme.test")).hasSize(1);
        assertThat(run.deliveries())
                .filteredOn(d -> d.destination().equals("bob@acme.test"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
                    assertThat(d.errorCategory()).isEqualTo(ErrorCategory.DATA);
                });
        assertThat(f.sql.count(f.db.tables().deadLetters(), "kind = 'DELIVERY'"))
                .isEqualTo(1);
    }

    @Test
    void transientDeliveryFailureIsRetriedWithBackoffAndDeliveredOnce() {
        f.email.fail("bob@acme.test", ErrorCategory.NETWORK);
        ScheduledReport s = reports.create(alice, weeklySales().build());
        kit.advanceTo(s.nextRunAt());
        assertThat(f.email.receivedBy("bob@acme.test")).isEmpty();

        f.email.heal("bob@acme.test");
        kit.advance(Duration.ofMinutes(2));

        assertThat(f.email.receivedBy("bob@acme.test"))
                .singleElement()
                .satisfies(r -> assertThat(r.attempt()).isEqualTo(2));
        assertThat(f.email.receivedBy("alice@acme.test")).hasSize(1);
        Execution run =
                reports.executions(alice, s.id(), PageRequest.first()).items().get(0);
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void otherTenantsSeeNothing() {
        ScheduledReport s = reports.create(alice, weeklySales().build());
        Execution run = reports.runNow(alice, s.id());
        kit.runDue();

        assertThatThrownBy(() -> reports.get(mallory, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.pause(mallory, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.delete(mallory, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.runNow(mallory, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.execution(mallory, run.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.openArtifact(mallory, run.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.executions(mallory, s.id(), PageRequest.first()))
                .isInstanceOf(ReportsNotFoundException.class);
        assertThat(reports.list(mallory, ScheduleQuery.all()).items()).isEmpty();
        assertThat(reports.get(acmeAdmin, s.id()).id()).isEqualTo(s.id());
        assertThat(reports.admin().schedules(null, ScheduleQuery.all()).total()).isEqualTo(1);
    }

    @Test
    void listsFilterAndPaginate() {
        for (int i = 0; i < 5; i++) {
            reports.create(
                    i < 3 ? alice : bob, weeklySales().name("report " + i).build());
        }
        Page<ScheduledReport> first =
                reports.list(acmeAdmin, new ScheduleQuery(null, null, null, PageRequest.of(0, 2)));
        assertThat(first.items()).hasSize(2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.hasNext()).isTrue();
        assertThat(reports.list(acmeAdmin, new ScheduleQuery("bob", null, null, PageRequest.of(0, 10)))
                        .total())
                .isEqualTo(2);
        assertThat(reports.list(alice, new ScheduleQuery(null, null, null, PageRequest.of(0, 10)))
                        .total())
                .as("a non-admin lists only its own schedules (Visibility.OWNER)")
                .isEqualTo(3);
        reports.pause(acmeAdmin, first.items().get(0).id());
        assertThat(reports.list(acmeAdmin, new ScheduleQuery(null, ScheduleStatus.PAUSED, null, null))
                        .total())
                .isEqualTo(1);
    }

    @Test
    void everyInvalidRequestIsRejectedNamingTheFieldAndWritesNothing() {
        Map<String, Long> before = f.sql.snapshot();
        record Case(ScheduleRequest.Builder request, String message) {}
        List<Case> cases = List.of(
                new Case(weeklySales().name(" "), "name: must not be blank"),
                new Case(
                        weeklySales().reportType("nope"),
                        "report_type: unknown report type 'nope'; registered: [sales]"),
                new Case(
                        weeklySales().param("region", "west"),
                        "report_params.region: must be one of [north, south], was 'west'"),
                new Case(weeklySales().param("colour", "red"), "report_params.colour: unknown parameter"),
                new Case(weeklySales().param("date_range", "last_fortnight"), "report_params.date_range:"),
                new Case(weeklySales().outputFormat("docx"), "output_format: unknown format 'docx'; registered: [csv]"),
                new Case(
                        weeklySales().recipient("sms", "+331234"),
                        "recipients[2].channel: unknown channel 'sms'; registered: [email]"),
                new Case(
                        weeklySales().recipient("email", "not-an-address"),
                        "recipients[2].destination: must be name@host, was 'not-an-address'"),
                new Case(
                        weeklySales().recipient("email", "alice@acme.test"),
                        "recipients[2]: duplicate of recipients[0] (email:alice@acme.test)"),
                new Case(
                        weeklySales().deliveryOptions("email", Map.of("colour", "red")),
                        "delivery_options.email.colour: unknown option"),
                new Case(weeklySales().timeout(Duration.ofMinutes(1)), "timeout: must be between 5m and 2h, was 1m"),
                new Case(weeklySales().ownerId("bob"), "only an admin may give a schedule to another owner ('bob')"));
        for (Case c : cases) {
            assertThatThrownBy(() -> reports.create(alice, c.request().build()))
                    .as(c.message())
                    .isInstanceOfAny(ReportsValidationException.class, ReportsAccessDeniedException.class)
                    .hasMessageContaining(c.message());
        }
        assertThat(f.sql.snapshot()).isEqualTo(before);
    }

    @Test
    void quotasAreCheckedWithTheLimitAndTheCount() {
        for (int i = 0; i < Quotas.DEFAULT_MAX_SCHEDULES_PER_OWNER; i++) {
            reports.create(alice, weeklySales().build());
        }
        Map<String, Long> before = f.sql.snapshot();
        assertThatThrownBy(() -> reports.create(alice, weeklySales().build()))
                .isInstanceOf(ReportsQuotaExceededException.class)
                .hasMessage("owner_id: at most 10 active schedules per owner; 'alice' has 10");
        assertThat(f.sql.snapshot()).isEqualTo(before);
        ScheduleRequest.Builder many = weeklySales().recipients(List.of());
        for (int i = 0; i < 51; i++) {
            many.recipient("email", "r" + i + "@acme.test");
        }
        assertThatThrownBy(() -> reports.create(bob, many.build()))
                .hasMessage("recipients: at most 50 recipients per schedule, was 51");
    }
}
