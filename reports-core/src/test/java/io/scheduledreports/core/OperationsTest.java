package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.ReportsListener;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.RetryLaterException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Operations of seed 004 (issue 24 items 1-5): retry strategy per category, error frequency, dead-letter history,
 * alerts and bulk operations, execution timeouts, delivery queue limits; on each database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class OperationsTest {

    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");
    final Actor alice = Actor.of("acme", "alice");
    final Actor admin = Actor.of("acme", "root", Actor.ADMIN);

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    final List<String> alerts = new CopyOnWriteArrayList<>();

    final ReportsListener alertRecorder = new ReportsListener() {
        @Override
        public void deadLetterThresholdExceeded(String tenantId, long unresolved) {
            alerts.add("threshold " + tenantId + " " + unresolved);
        }

        @Override
        public void deadLetterCapExceeded(String tenantId, long unresolved, int cap) {
            alerts.add("cap " + tenantId + " " + unresolved + "/" + cap);
        }

        @Override
        public void deliveryBacklogHigh(String channel, long pending, int threshold) {
            alerts.add("backlog " + channel + " " + pending + "/" + threshold);
        }
    };

    ReportsTestKit start(java.util.function.UnaryOperator<ScheduledReports.Builder> config) {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(config.apply(f.builder().listener(alertRecorder)), T0);
        return kit;
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

    ScheduledReport schedule(String name, String... recipients) {
        ScheduleRequest.Builder b = ScheduleRequest.builder()
                .name(name)
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");
        for (String r : recipients) {
            b.recipient("email", r);
        }
        return kit.reports().create(alice, b.build());
    }

    DeadLetter onlyDeadLetter() {
        List<DeadLetter> dead =
                kit.reports().deadLetters(admin, DeadLetterQuery.unresolved()).items();
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }

    static List<Duration> gaps(List<AttemptFailure> history) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < history.size(); i++) {
            gaps.add(Duration.between(
                    history.get(i - 1).failedAt(), history.get(i).failedAt()));
        }
        return gaps;
    }

    static void assertAround(Duration actual, Duration expected, double jitter) {
        assertThat(actual.toMillis())
                .as("delay %s around %s (+/- %.0f %%)", actual, expected, jitter * 100)
                .isBetween(
                        Math.round(expected.toMillis() * (1 - jitter)) - 1,
                        Math.round(expected.toMillis() * (1 + jitter)) + 1);
    }

    // ---------------------------------------------------------------- 1. retry strategy per category

    @Test
    void networkErrorsOfGenerationRetryWithExponentialBackoffAndJitterAndTheHistoryShowsEachAttempt() {
        start(b -> b);
        f.sales.hook(request -> {
            throw new ReportsException(ErrorCategory.NETWORK, "warehouse unreachable");
        });
        ScheduledReport s = schedule("Daily sales", "alice@acme.test");

        kit.advanceTo(s.nextRunAt().plus(Duration.ofHours(2)));

        DeadLetter dl = onlyDeadLetter();
        assertThat(dl.attempts()).isEqualTo(4);
        List<AttemptFailure> history = kit.reports().deadLetterHistory(admin, dl.id());
        assertThat(history).extracting(AttemptFailure::attempt).containsExactly(1, 2, 3, 4);
        assertThat(history).extracting(AttemptFailure::category).containsOnly(ErrorCategory.NETWORK);
        assertThat(history).extracting(AttemptFailure::message).containsOnly("warehouse unreachable");
        assertThat(history.get(0).failedAt()).isEqualTo(s.nextRunAt());
        List<Duration> gaps = gaps(history);
        assertAround(gaps.get(0), Duration.ofMinutes(1), 0.2);
        assertAround(gaps.get(1), Duration.ofMinutes(4), 0.2);
        assertAround(gaps.get(2), Duration.ofMinutes(16), 0.2);
    }

    @Test
    void systemErrorsRetryThreeTimesAndDataAndConfigurationErrorsNever() {
        start(b -> b.generationRetry(RetryStrategy.builder()
                .category(
                        ErrorCategory.SYSTEM,
                        RetryPolicy.builder().maxAttempts(4).jitter(0).build())
                .build()));
        AtomicInteger run = new AtomicInteger();
        f.sales.hook(request -> {
            throw switch (run.incrementAndGet()) {
                case 1, 2, 3, 4 -> new ReportsException(ErrorCategory.SYSTEM, "pool exhausted");
                case 5 -> new ReportsException(ErrorCategory.DATA, "region XX does not exist");
                default -> new ReportsException(ErrorCategory.CONFIGURATION, "no credentials");
            };
        });
        ScheduledReport s = schedule("Daily sales", "alice@acme.test");

        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));

        assertThat(run).hasValue(6);
        Map<ErrorCategory, Integer> attempts = new java.util.EnumMap<>(ErrorCategory.class);
        kit.reports()
                .deadLetters(admin, DeadLetterQuery.all())
                .items()
                .forEach(d -> attempts.put(d.category(), d.attempts()));
        assertThat(attempts)
                .containsEntry(ErrorCategory.SYSTEM, 4)
                .containsEntry(ErrorCategory.DATA, 1)
                .containsEntry(ErrorCategory.CONFIGURATION, 1);
    }

    @Test
    void configurationErrorsAlsoAlertTheTenantsAdmins() {
        start(b -> b.failureNotifications(new FailureNotifications(
                        "email",
                        (tenant, owner) -> java.util.Optional.of(owner + "@acme.test"),
                        List.of(),
                        Map.of("subject", "{report_name} failed")))
                .tenantAdminAddresses(tenant -> List.of("admins@" + tenant + ".test")));
        AtomicInteger run = new AtomicInteger();
        f.sales.hook(request -> {
            throw run.incrementAndGet() == 1
                    ? new ReportsException(ErrorCategory.CONFIGURATION, "no credentials for the warehouse")
                    : new ReportsException(ErrorCategory.DATA, "region XX does not exist");
        });
        ScheduledReport s = schedule("Daily sales", "bob@acme.test");

        kit.advanceTo(s.nextRunAt().plus(Duration.ofMinutes(5)));
        assertThat(f.email.received())
                .extracting(RecordingChannel.Received::destination)
                .containsExactlyInAnyOrder("alice@acme.test", "admins@acme.test");

        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));
        assertThat(f.email.received().subList(2, f.email.received().size()))
                .extracting(RecordingChannel.Received::destination)
                .as("a DATA error is the owner's to fix: admins are not told")
                .containsExactly("alice@acme.test");
    }

    @Test
    void deliveriesRetryFiveTimesWithExponentialBackoff() {
        start(b -> b);
        f.email.fail("bob@acme.test", ErrorCategory.NETWORK);
        ScheduledReport s = schedule("Daily sales", "bob@acme.test");

        kit.advanceTo(s.nextRunAt().plus(Duration.ofHours(2)));

        DeadLetter dl = onlyDeadLetter();
        assertThat(dl.kind()).isEqualTo(DeadLetter.Kind.DELIVERY);
        assertThat(dl.attempts()).isEqualTo(6);
        List<Duration> gaps = gaps(kit.reports().deadLetterHistory(admin, dl.id()));
        assertThat(gaps).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertAround(gaps.get(i), Duration.ofMinutes(1L << i), 0.2);
        }
    }

    @Test
    void aRateLimitAnswerIsWaitedForAsTold() {
        start(b -> b);
        AtomicInteger sends = new AtomicInteger();
        f.email.beforeSend(d -> {
            if (sends.incrementAndGet() <= 2) {
                throw new RetryLaterException(ErrorCategory.NETWORK, "429 Too Many Requests", Duration.ofSeconds(7));
            }
        });
        ScheduledReport s = schedule("Daily sales", "bob@acme.test");

        kit.advanceTo(s.nextRunAt());
        kit.advance(Duration.ofSeconds(6));
        assertThat(f.email.received()).isEmpty();
        kit.advance(Duration.ofSeconds(1));
        assertThat(sends).as("second attempt 7 s after the first, as told").hasValue(2);
        kit.advance(Duration.ofSeconds(7));
        assertThat(f.email.received()).hasSize(1);
        assertThat(f.email.received().get(0).attempt()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- 2. error frequency

    @Test
    void statsCountFailedAttemptsPerCategoryOver24HoursSevenAndThirtyDays() {
        start(b -> b);
        f.sales.hook(request -> {
            throw new ReportsException(ErrorCategory.NETWORK, "warehouse unreachable");
        });
        f.email.fail("bob@acme.test", ErrorCategory.DATA);
        ScheduledReport s = schedule("Daily sales", "bob@acme.test");
        kit.advanceTo(s.nextRunAt().plus(Duration.ofHours(2)));
        f.sales.hook(request -> {});
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));

        ErrorFrequency errors = kit.reports().admin().stats("acme").errorsByCategory();
        assertThat(errors.last24h()).containsEntry(ErrorCategory.NETWORK, 0L).containsEntry(ErrorCategory.DATA, 1L);
        assertThat(errors.last7d())
                .containsEntry(ErrorCategory.NETWORK, 4L)
                .containsEntry(ErrorCategory.DATA, 3L)
                .containsEntry(ErrorCategory.SYSTEM, 0L);
        assertThat(errors.last30d()).isEqualTo(errors.last7d());
        assertThat(kit.reports().admin().stats("other").errorsByCategory().last30d())
                .containsEntry(ErrorCategory.NETWORK, 0L);
    }

    // ---------------------------------------------------------------- 3. dead letters

    @Test
    void thresholdAlertFiresWhenTheCountReachesItOncePerCrossing() {
        start(b -> b.deadLetters(DeadLetterPolicy.builder().alertThreshold(2).build())
                .generationRetry(RetryPolicy.noRetries()));
        f.sales.hook(request -> {
            throw new ReportsException(ErrorCategory.DATA, "bad region");
        });
        ScheduledReport s = schedule("Daily sales", "bob@acme.test");
        kit.advanceTo(s.nextRunAt());
        assertThat(alerts).isEmpty();
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(1)));
        assertThat(alerts).containsExactly("threshold acme 2");
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(2)));
        assertThat(alerts).as("still above: no second alert").containsExactly("threshold acme 2");

        assertThat(kit.reports()
                        .resolveDeadLetters(
                                admin,
                                kit.reports().deadLetters(admin, DeadLetterQuery.unresolved()).items().stream()
                                        .map(DeadLetter::id)
                                        .toList(),
                                "fixed the region"))
                .isEqualTo(3);
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(3)));
        assertThat(alerts).hasSize(1);
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(4)));
        assertThat(alerts).as("crossed again").containsExactly("threshold acme 2", "threshold acme 2");
    }

    @Test
    void aConcurrentBurstPastTheThresholdAlertsExactlyOnceAcrossInstances() throws Exception {
        f = new EngineFixture(database, artifacts);
        int schedules = 24;
        Instant due = T0.plus(Duration.ofHours(1));
        Quotas unlimited = Quotas.builder()
                .maxSchedulesPerOwner(1000)
                .maxSchedulesPerTenant(1000)
                .build();
        try (ScheduledReports setup = f.builder()
                .quotas(unlimited)
                .clock(Clock.fixed(T0, java.time.ZoneOffset.UTC))
                .build()) {
            setup.start();
            for (int i = 0; i < schedules; i++) {
                setup.create(
                        alice,
                        ScheduleRequest.builder()
                                .name("report " + i)
                                .reportType("sales")
                                .schedule("{\"cadence\":\"daily\",\"time\":\"19:30\",\"timezone\":\"UTC\"}")
                                .recipient("email", "user" + i + "@acme.test")
                                .build());
            }
        }
        f.sales.hook(request -> {
            Thread.sleep(50); // lets the failures of both instances overlap
            throw new ReportsException(ErrorCategory.DATA, "bad region");
        });
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), due.minusSeconds(1)));
        List<ScheduledReports> cluster = new ArrayList<>();
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                HikariDataSource pool = f.db.newPool(10);
                pools.add(pool);
                cluster.add(f.builder(pool)
                        .quotas(unlimited)
                        .clock(clock)
                        .instanceName("node-" + i)
                        .workerThreads(8)
                        .polling(PollingSettings.builder()
                                .pollingInterval(Duration.ofMillis(200))
                                .build())
                        .deadLetters(
                                DeadLetterPolicy.builder().alertThreshold(5).build())
                        .generationRetry(RetryPolicy.noRetries())
                        .listener(alertRecorder)
                        .build());
            }
            cluster.forEach(ScheduledReports::start);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (f.sql.count(f.db.tables().deadLetters()) < schedules && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
        } finally {
            cluster.forEach(ScheduledReports::close);
            pools.forEach(HikariDataSource::close);
        }
        assertThat(f.sql.count(f.db.tables().deadLetters())).isEqualTo(schedules);
        assertThat(alerts).as("one alert for the whole burst").hasSize(1);
        assertThat(alerts.get(0)).startsWith("threshold acme ");
        assertThat(Long.parseLong(alerts.get(0).substring("threshold acme ".length())))
                .isBetween(5L, (long) schedules);
    }

    @Test
    void bulkRetryAllAndDeleteAllWorkByFilter() {
        start(b -> b.generationRetry(RetryPolicy.noRetries()).deliveryRetry(RetryPolicy.noRetries()));
        AtomicInteger failing = new AtomicInteger(1);
        f.sales.hook(request -> {
            if (failing.get() == 1) {
                throw new ReportsException(ErrorCategory.SYSTEM, "host database down");
            }
        });
        f.email.fail("bob@acme.test", ErrorCategory.DATA);
        ScheduledReport a = schedule("A", "alice@acme.test");
        ScheduledReport b = schedule("B", "alice@acme.test");
        kit.advanceTo(a.nextRunAt().plus(Duration.ofDays(1)));
        assertThat(kit.reports()
                        .deadLetters(admin, DeadLetterQuery.unresolved())
                        .total())
                .isEqualTo(4);

        DeadLetterQuery ofA = new DeadLetterQuery(a.id(), null, null, null, null, null);
        assertThatThrownBy(() -> kit.reports().retryDeadLetters(alice, ofA))
                .isInstanceOf(ReportsAccessDeniedException.class);
        failing.set(0);
        assertThat(kit.reports().retryDeadLetters(admin, ofA)).isEqualTo(2);
        kit.runDue();
        assertThat(f.email.received()).hasSize(2);
        assertThat(kit.reports()
                        .deadLetters(admin, DeadLetterQuery.unresolved())
                        .items())
                .extracting(DeadLetter::scheduleId)
                .containsOnly(b.id());

        DeadLetterQuery systemOfB = new DeadLetterQuery(b.id(), ErrorCategory.SYSTEM, null, null, null, null);
        assertThat(kit.reports().deleteDeadLetters(admin, systemOfB)).isEqualTo(2);
        assertThat(kit.reports().deadLetters(admin, DeadLetterQuery.all()).items())
                .extracting(DeadLetter::scheduleId)
                .containsOnly(a.id());
        assertThat(kit.reports().auditEvents(admin, AuditQuery.all()).items())
                .anySatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.DELETE_DEAD_LETTERS));
    }

    @Test
    void theCapDropsResolvedOnesFirstAndAlertsInsteadOfDroppingUnresolvedOnes() {
        start(b -> b.deadLetters(
                        DeadLetterPolicy.builder().cap(10).alertThreshold(1000).build())
                .generationRetry(RetryPolicy.noRetries()));
        f.sales.hook(request -> {
            throw new ReportsException(ErrorCategory.DATA, "bad region");
        });
        ScheduledReport s = schedule("Daily sales", "bob@acme.test");
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(7)));
        List<String> firstWeek = kit
                .reports()
                .deadLetters(admin, new DeadLetterQuery(null, null, null, null, null, PageRequest.of(0, 100)))
                .items()
                .stream()
                .map(DeadLetter::id)
                .toList();
        assertThat(firstWeek).hasSize(8);
        assertThat(kit.reports().resolveDeadLetters(admin, firstWeek.subList(4, 8), "old"))
                .isEqualTo(4);
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(11)).plus(Duration.ofMinutes(2)));

        // 12 made: the 2 oldest resolved ones dropped to keep 10; 4 + 4 + ... unresolved are kept
        assertThat(kit.reports().deadLetters(admin, DeadLetterQuery.all()).total())
                .isEqualTo(10);
        assertThat(alerts).isEmpty();
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(14)).plus(Duration.ofMinutes(2)));
        // 15 made: every resolved one dropped, 11 unresolved kept beyond the cap, and an alert
        assertThat(kit.reports()
                        .deadLetters(admin, DeadLetterQuery.unresolved())
                        .total())
                .isEqualTo(11);
        assertThat(kit.reports().deadLetters(admin, DeadLetterQuery.all()).total())
                .isEqualTo(11);
        assertThat(alerts).containsExactly("cap acme 11/10");
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(15)).plus(Duration.ofMinutes(2)));
        assertThat(alerts).as("once per crossing").hasSize(1);
    }

    // ---------------------------------------------------------------- 4. timeouts

    @Test
    void theEffectiveTimeoutIsStoredWithEachExecutionAndLongOnesWarn() {
        start(b -> b);
        ScheduleRequest request = ScheduleRequest.builder()
                .name("Slow")
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                .recipient("email", "bob@acme.test")
                .timeout(Duration.ofMinutes(90))
                .build();
        assertThat(kit.reports().preview(alice, request).warnings()).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo(ScheduleWarning.Code.LONG_TIMEOUT);
            assertThat(w.field()).isEqualTo("timeout");
            assertThat(w.message()).contains("1h30m").contains("above one hour");
        });
        ScheduledReport s = kit.reports().create(alice, request);
        assertThat(s.warnings()).extracting(ScheduleWarning::code).contains(ScheduleWarning.Code.LONG_TIMEOUT);
        ScheduledReport plain = schedule("Plain", "bob@acme.test");
        assertThat(plain.warnings())
                .extracting(ScheduleWarning::code)
                .doesNotContain(ScheduleWarning.Code.LONG_TIMEOUT);

        kit.advanceTo(s.nextRunAt());
        assertThat(kit.reports().executions(alice, s.id(), null).items().get(0).timeout())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(kit.reports()
                        .executions(alice, plain.id(), null)
                        .items()
                        .get(0)
                        .timeout())
                .isEqualTo(ScheduledReports.Builder.DEFAULT_GENERATION_TIMEOUT);
    }

    @Test
    void anAdminRunsNowWithAOneOffTimeoutBoundedByTheEngineMaximum() {
        start(b -> b.maxGenerationTimeout(Duration.ofHours(1)));
        ScheduledReport s = schedule("Daily sales", "bob@acme.test");
        List<ExecutionEvent> timedOut = new CopyOnWriteArrayList<>();
        f.sales.hook(request -> {
            kit.setTimeWithoutRunning(kit.now().plus(Duration.ofMinutes(3)));
            if (request.cancellation().isCancelled()) {
                throw new ReportsException(ErrorCategory.TIMEOUT, "cancelled");
            }
        });

        assertThatThrownBy(() -> kit.reports().runNow(admin, s.id(), Duration.ofHours(2)))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageContaining("timeout")
                .hasMessageContaining("1h");
        assertThatThrownBy(() -> kit.reports().runNow(alice, s.id(), Duration.ofMinutes(2)))
                .isInstanceOf(ReportsAccessDeniedException.class);
        Execution run = kit.reports().runNow(admin, s.id(), Duration.ofMinutes(2));
        assertThat(run.timeout()).isEqualTo(Duration.ofMinutes(2));
        kit.runDue();

        Execution after = kit.reports().execution(admin, run.id());
        assertThat(after.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(after.errorCategory()).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(after.errorMessage()).contains("timeout of 2m");
    }

    // ---------------------------------------------------------------- 5. delivery queue

    @Test
    void aFullDeliveryQueueDefersGenerationsWithoutSpendingAnAttemptAndTheBacklogIsReportedOnce() {
        start(b -> b.deliveryQueue(new DeliveryQueueLimits(3, 2)));
        for (String who : List.of("a", "b", "c")) {
            f.email.fail(who + "@acme.test", ErrorCategory.NETWORK);
        }
        ScheduledReport noisy = schedule("Noisy", "a@acme.test", "b@acme.test", "c@acme.test");
        ScheduledReport waiting = schedule("Waiting", "d@acme.test");
        kit.advanceTo(noisy.nextRunAt().minusSeconds(10));
        Execution first = kit.reports().runNow(alice, noisy.id());
        kit.runDue();
        assertThat(kit.reports().execution(alice, first.id()).status()).isEqualTo(ExecutionStatus.DELIVERING);
        // 09:00 (the counts are cached 5 s): the waiting schedule's run is due while the queue is full
        kit.advance(Duration.ofSeconds(11));
        int generations = f.sales.generations.get();

        kit.advance(Duration.ofSeconds(30));
        Execution deferred =
                kit.reports().executions(alice, waiting.id(), null).items().get(0);
        assertThat(deferred.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(deferred.attempt()).isZero();
        assertThat(f.sales.generations).hasValue(generations);
        assertThat(kit.reports().deliveryQueue().pendingByChannel()).containsEntry("email", 3L);
        assertThat(kit.reports().deliveryQueue().full()).containsOnlyKeys("email");

        kit.advance(Duration.ofMinutes(2)); // maintenance sees the backlog
        assertThat(alerts).containsExactly("backlog email 3/2");
        kit.advance(Duration.ofMinutes(2));
        assertThat(alerts).as("once per crossing").hasSize(1);

        for (String who : List.of("a", "b", "c")) {
            f.email.heal(who + "@acme.test");
        }
        kit.advance(Duration.ofMinutes(20));
        Execution done = kit.reports().execution(alice, deferred.id());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.attempt()).as("the deferrals spent no attempt").isEqualTo(1);
        assertThat(f.email.receivedBy("d@acme.test")).hasSize(1);
    }

    @Test
    void deliveriesOfManualRunsGoBeforeThoseOfScheduledRuns() {
        start(b -> b);
        f.email.fail("bob@acme.test", ErrorCategory.NETWORK);
        ScheduledReport s = schedule("Daily sales", "bob@acme.test");
        kit.advanceTo(s.nextRunAt());
        kit.reports().runNow(alice, s.id());
        kit.runDue();
        List<String> priorities = f.sql.strings("SELECT CONCAT(d.status, ':', e.run_trigger, ':', t.priority) FROM "
                + f.db.tables().tasks() + " t JOIN " + f.db.tables().deliveries() + " d ON d.id = t.task_instance"
                + " JOIN " + f.db.tables().executions() + " e ON e.id = d.execution_id"
                + " WHERE t.task_name = 'report-deliver'");
        assertThat(priorities).hasSize(2).allMatch(p -> p.startsWith("PENDING:"));
        int scheduled = priority(priorities, "SCHEDULED");
        int manual = priority(priorities, "MANUAL");
        assertThat(manual).as("manual deliveries before scheduled ones").isGreaterThan(scheduled);
        assertThat(scheduled)
                .as("scheduled deliveries keep their priority")
                .isEqualTo(com.github.kagkarlsson.scheduler.task.Priority.HIGH);
    }

    private static int priority(List<String> rows, String trigger) {
        return rows.stream()
                .filter(r -> r.contains(":" + trigger + ":"))
                .map(r -> Integer.parseInt(r.substring(r.lastIndexOf(':') + 1)))
                .findFirst()
                .orElseThrow();
    }
}
