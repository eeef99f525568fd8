package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.ReportsListener;
import io.scheduledreports.spi.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What one hostile or careless user of a tenant can no longer do to the others: read colleagues' schedules, flood
 * the queue with manual runs, pile up runs of a slow report, or pass a quota by sending creates in parallel.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class AbuseControlsTest {

    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");
    static final String DAILY_9 = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";
    static final String HOURLY = "{\"cadence\":\"cron\",\"cron_expression\":\"0 * * * *\",\"timezone\":\"UTC\"}";

    final Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
    final Actor bob = Actor.of("acme", "bob", Actor.CREATOR);
    final Actor acmeAdmin = Actor.of("acme", "root", Actor.ADMIN);

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;

    void start(UnaryOperator<ScheduledReports.Builder> config) {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(config.apply(f.builder()), T0);
        reports = kit.reports();
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

    ScheduleRequest.Builder daily() {
        return ScheduleRequest.builder()
                .name("Daily sales")
                .reportType("sales")
                .schedule(DAILY_9)
                .recipient("email", "alice@acme.test");
    }

    // ---------------------------------------------------------------- visibility (item 4)

    @Test
    void byDefaultAColleagueCannotReadSomeoneElsesScheduleHistoryOrFile() throws Exception {
        start(b -> b);
        ScheduledReport s = reports.create(alice, daily().build());
        Execution run = reports.runNow(alice, s.id());
        kit.runDue();

        assertThatThrownBy(() -> reports.get(bob, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.executions(bob, s.id(), PageRequest.first()))
                .isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.execution(bob, run.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.openArtifact(bob, run.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.runNow(bob, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThat(reports.list(bob, new ScheduleQuery("alice", null, null, null))
                        .items())
                .as("asking for alice's schedules by owner id shows bob his own (none)")
                .isEmpty();

        assertThat(reports.get(alice, s.id()).id()).isEqualTo(s.id());
        assertThat(reports.get(acmeAdmin, s.id()).id()).isEqualTo(s.id());
        assertThat(reports.execution(acmeAdmin, run.id()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        try (ArtifactDownload file = reports.openArtifact(alice, run.id())) {
            assertThat(file.size()).isPositive();
        }
    }

    @Test
    void withTenantVisibilityEveryMemberReadsButOnlyTheOwnerChanges() throws Exception {
        start(b -> b.visibility(Visibility.TENANT));
        ScheduledReport s = reports.create(alice, daily().build());
        Execution run = reports.runNow(alice, s.id());
        kit.runDue();

        assertThat(reports.get(bob, s.id()).id()).isEqualTo(s.id());
        assertThat(reports.executions(bob, s.id(), PageRequest.first()).total()).isEqualTo(1);
        assertThat(reports.execution(bob, run.id()).id()).isEqualTo(run.id());
        try (ArtifactDownload file = reports.openArtifact(bob, run.id())) {
            assertThat(file.size()).isPositive();
        }
        assertThatThrownBy(() -> reports.pause(bob, s.id()))
                .isInstanceOf(io.scheduledreports.spi.ReportsAccessDeniedException.class);
    }

    @Test
    void withRecipientsVisibilityARecipientReadsTheScheduleItsHistoryAndFileButNeverChangesIt() throws Exception {
        start(b -> b.visibility(Visibility.RECIPIENTS));
        Actor carol = Actor.of("acme", "Carol@Acme.test", Actor.VIEWER);
        ScheduledReport s = reports.create(
                alice, daily().recipient("email", "carol@acme.test").build());
        ScheduledReport other = reports.create(alice, daily().name("Other").build());
        Execution run = reports.runNow(alice, s.id());
        kit.runDue();

        assertThat(reports.get(carol, s.id()).id())
                .as("address compared ignoring case")
                .isEqualTo(s.id());
        assertThat(reports.executions(carol, s.id(), PageRequest.first()).total())
                .isEqualTo(1);
        assertThat(reports.execution(carol, run.id()).id()).isEqualTo(run.id());
        try (ArtifactDownload file = reports.openArtifact(carol, run.id())) {
            assertThat(file.size()).isPositive();
        }
        assertThat(reports.list(carol, new ScheduleQuery(null, null, null, null))
                        .items())
                .extracting(ScheduledReport::id)
                .as("the list shows what she receives, not alice's other schedule")
                .containsExactly(s.id());
        assertThatThrownBy(() -> reports.get(carol, other.id())).isInstanceOf(ReportsNotFoundException.class);

        Map<String, Long> before = f.sql.snapshot();
        assertThatThrownBy(() -> reports.pause(carol, s.id()))
                .isInstanceOf(io.scheduledreports.spi.ReportsAccessDeniedException.class);
        assertThatThrownBy(() -> reports.runNow(carol, s.id()))
                .isInstanceOf(io.scheduledreports.spi.ReportsAccessDeniedException.class);
        assertThatThrownBy(() -> reports.delete(carol, s.id()))
                .isInstanceOf(io.scheduledreports.spi.ReportsAccessDeniedException.class);
        assertThat(f.sql.snapshot()).as("a refused change writes nothing").isEqualTo(before);

        // bob receives nothing: alice's schedule is "not found" for him, as under OWNER
        assertThatThrownBy(() -> reports.get(bob, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.execution(bob, run.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.openArtifact(bob, run.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThatThrownBy(() -> reports.runNow(bob, s.id())).isInstanceOf(ReportsNotFoundException.class);
        assertThat(reports.list(bob, new ScheduleQuery(null, null, null, null)).items())
                .isEmpty();
    }

    // ---------------------------------------------------------------- run now (item 1)

    @Test
    void aSecondManualRunWhileTheFirstIsQueuedIsAConflictNamingTheQueuedRun() {
        start(b -> b);
        ScheduledReport s = reports.create(alice, daily().build());
        Execution first = reports.runNow(alice, s.id());
        Map<String, Long> before = f.sql.snapshot();

        assertThatThrownBy(() -> reports.runNow(alice, s.id()))
                .isInstanceOfSatisfying(ReportsRunInProgressException.class, e -> {
                    assertThat(e.executionId()).isEqualTo(first.id());
                    assertThat(e.scheduleId()).isEqualTo(s.id());
                })
                .hasMessageContaining(first.id());
        assertThat(f.sql.snapshot()).as("a refused run writes nothing").isEqualTo(before);
    }

    @Test
    void manualRunsOfAScheduleWaitForTheCooldown() {
        start(b -> b.manualRuns(ManualRunLimits.ofDefaults().withCooldown(Duration.ofMinutes(10))));
        ScheduledReport s = reports.create(alice, daily().build());
        reports.runNow(alice, s.id());
        kit.runDue();
        kit.advance(Duration.ofMinutes(4));

        assertThatThrownBy(() -> reports.runNow(alice, s.id()))
                .isInstanceOfSatisfying(ReportsRateLimitedException.class, e -> {
                    assertThat(e.limit()).isEqualTo("manual_runs.cooldown");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(6));
                    assertThat(e.retryAfterSeconds()).isEqualTo(360);
                });
        kit.advance(Duration.ofMinutes(6));
        assertThat(reports.runNow(alice, s.id()).trigger()).isEqualTo(Trigger.MANUAL);
    }

    @Test
    void aTenantHasAnHourlyCapOfManualRunsAcrossItsSchedules() {
        start(b -> b.manualRuns(new ManualRunLimits(Duration.ZERO, 3)));
        ScheduledReport s1 = reports.create(alice, daily().build());
        ScheduledReport s2 = reports.create(bob, daily().build());
        reports.runNow(alice, s1.id());
        kit.runDue();
        kit.advance(Duration.ofMinutes(10));
        reports.runNow(bob, s2.id());
        kit.runDue();
        kit.advance(Duration.ofMinutes(10));
        reports.runNow(alice, s1.id());
        kit.runDue();
        kit.advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> reports.runNow(bob, s2.id()))
                .isInstanceOfSatisfying(ReportsRateLimitedException.class, e -> {
                    assertThat(e.limit()).isEqualTo("manual_runs.per_tenant_per_hour");
                    assertThat(e.retryAfter())
                            .as("the oldest of the three leaves the hour 30 minutes from now")
                            .isEqualTo(Duration.ofMinutes(30));
                });
        Execution other = reports.runNow(
                Actor.of("globex", "gina"),
                reports.create(Actor.of("globex", "gina"), daily().build()).id());
        assertThat(other.status()).as("other tenants have their own cap").isEqualTo(ExecutionStatus.QUEUED);
        kit.advance(Duration.ofMinutes(30));
        assertThat(reports.runNow(bob, s2.id()).trigger()).isEqualTo(Trigger.MANUAL);
    }

    @Test
    void manualRunsDoNotJumpAheadOfOtherTenantsScheduledWork() {
        start(b -> b);
        ScheduledReport s = reports.create(alice, daily().build());
        Execution manual = reports.runNow(alice, s.id());
        List<Integer> priorities = f
                .sql
                .strings("SELECT priority FROM " + f.db.tables().tasks() + " WHERE task_instance = '" + manual.id()
                        + "'")
                .stream()
                .map(Integer::valueOf)
                .toList();
        assertThat(priorities)
                .as("same priority as scheduled generations (MEDIUM); the queue orders them by time")
                .containsExactly(com.github.kagkarlsson.scheduler.task.Priority.MEDIUM);
    }

    // ---------------------------------------------------------------- overlap (item 2)

    ScheduledReport hourlyThatKeepsFailing(OverlapPolicy policy) {
        f.sales.hook(request -> {
            throw new ReportsException(ErrorCategory.NETWORK, "warehouse unreachable");
        });
        return reports.create(
                alice, daily().schedule(HOURLY).overlapPolicy(policy).build());
    }

    UnaryOperator<ScheduledReports.Builder> slowRetries(List<ExecutionEvent> skipped) {
        return b -> b.generationRetry(RetryPolicy.builder()
                        .maxAttempts(3)
                        .backoff(Duration.ofHours(3))
                        .jitter(0)
                        .build())
                .listener(new ReportsListener() {
                    @Override
                    public void executionSkipped(ExecutionEvent event) {
                        skipped.add(event);
                    }
                });
    }

    @Test
    void aRunThatFallsDueWhileThePreviousIsStillRetryingIsSkippedWithTheReason() {
        List<ExecutionEvent> skipped = new CopyOnWriteArrayList<>();
        start(slowRetries(skipped));
        ScheduledReport s = hourlyThatKeepsFailing(null);
        assertThat(s.overlapPolicy()).as("the default").isEqualTo(OverlapPolicy.SKIP);

        kit.advanceTo(Instant.parse("2026-02-10T19:00:00Z"));
        Execution first =
                reports.executions(alice, s.id(), PageRequest.first()).items().get(0);
        assertThat(first.status()).isEqualTo(ExecutionStatus.RETRYING);

        kit.advanceTo(Instant.parse("2026-02-10T20:00:00Z"));
        List<Execution> runs =
                reports.executions(alice, s.id(), PageRequest.first()).items();
        assertThat(runs).hasSize(2);
        Execution second = runs.get(0);
        assertThat(second.scheduledFor()).isEqualTo(Instant.parse("2026-02-10T20:00:00Z"));
        assertThat(second.status()).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(reports.execution(alice, second.id()).errorMessage()).contains("previous run", first.id());
        assertThat(f.sales.generations).as("the skipped run never generated").hasValue(1);
        assertThat(skipped).singleElement().satisfies(e -> {
            assertThat(e.executionId()).isEqualTo(second.id());
            assertThat(e.error()).contains(first.id());
        });
        assertThat(reports.admin().stats(null).countsByStatus().get(ExecutionStatus.SKIPPED))
                .isEqualTo(1L);
    }

    @Test
    void withOverlapPolicyQueueTheRunIsQueuedBesideThePreviousOne() {
        List<ExecutionEvent> skipped = new ArrayList<>();
        start(slowRetries(skipped));
        ScheduledReport s = hourlyThatKeepsFailing(OverlapPolicy.QUEUE);

        kit.advanceTo(Instant.parse("2026-02-10T20:00:00Z"));
        assertThat(reports.executions(alice, s.id(), PageRequest.first()).items())
                .extracting(Execution::status)
                .containsOnly(ExecutionStatus.RETRYING)
                .hasSize(2);
        assertThat(skipped).isEmpty();
        assertThat(f.sales.generations).hasValue(2);
    }

    // ---------------------------------------------------------------- quota race (item 3)

    @Test
    void parallelCreatesAtTheLimitNeverExceedTheActiveScheduleQuota() throws Exception {
        int limit = 5;
        int threads = 12;
        start(b -> b.quotas(Quotas.builder()
                .maxSchedulesPerTenant(limit)
                .maxSchedulesPerOwner(100)
                .build()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Actor user = Actor.of("acme", "user" + i, Actor.CREATOR);
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        reports.create(user, daily().build());
                        return true;
                    } catch (ReportsQuotaExceededException refused) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int created = 0;
            for (Future<Boolean> r : results) {
                created += r.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(limit);
            assertThat(f.sql.count(f.db.tables().schedules(), "status = 'ACTIVE'"))
                    .isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
    }
}
