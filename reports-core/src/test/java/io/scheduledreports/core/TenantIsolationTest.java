package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.limits.InMemoryTenantLimiter;
import io.scheduledreports.core.limits.JdbcTenantLimiter;
import io.scheduledreports.core.limits.TenantLimits;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsListener;
import io.scheduledreports.spi.TenantLimiter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-tenant limits: leases that outlive a dead instance only until they expire, and fair order across tenants. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TenantIsolationTest {

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-02-10T09:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    @Test
    void permitsOfADeadInstanceExpireWithTheirLease() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            ReportsSchema.of(f.db.dataSource(), f.db.tables()).migrate();
            MovableClock clock = new MovableClock();
            TenantLimits limits = TenantLimits.of(2).withTenant("big", 3);
            JdbcTenantLimiter a = new JdbcTenantLimiter(f.db.dataSource(), f.db.tables(), limits, clock, "node-a");
            JdbcTenantLimiter b = new JdbcTenantLimiter(f.db.dataSource(), f.db.tables(), limits, clock, "node-b");
            Duration lease = Duration.ofMinutes(5);

            assertThat(a.tryAcquire("acme", "e1", lease)).isPresent();
            assertThat(a.tryAcquire("acme", "e2", lease)).isPresent();
            assertThat(b.tryAcquire("acme", "e3", lease))
                    .as("acme is at its limit of 2 cluster-wide")
                    .isEmpty();
            assertThat(a.tryAcquire("acme", "e1", lease))
                    .as("the same work gets its permit back")
                    .isPresent();
            assertThat(b.tryAcquire("other", "o1", lease))
                    .as("other tenants are not affected")
                    .isPresent();
            for (int i = 0; i < 3; i++) {
                assertThat(b.tryAcquire("big", "b" + i, lease)).isPresent();
            }
            assertThat(b.tryAcquire("big", "b3", lease)).as("override of 3").isEmpty();

            // node-a dies without releasing; its leases run out
            clock.now.set(clock.now.get().plus(lease).plusSeconds(1));
            Optional<TenantLimiter.Permit> taken = b.tryAcquire("acme", "e3", lease);
            assertThat(taken).isPresent();
            assertThat(b.tryAcquire("acme", "e4", lease)).isPresent();
            assertThat(b.held("acme")).isEqualTo(2);
            taken.get().close();
            assertThat(b.held("acme")).isEqualTo(1);
        }
    }

    @Test
    void inMemoryLimiterCountsPerInstanceAndExpiresLeases() {
        MovableClock clock = new MovableClock();
        InMemoryTenantLimiter limiter = new InMemoryTenantLimiter(TenantLimits.of(1), clock);
        TenantLimiter.Permit p =
                limiter.tryAcquire("acme", "e1", Duration.ofMinutes(1)).orElseThrow();
        assertThat(limiter.tryAcquire("acme", "e2", Duration.ofMinutes(1))).isEmpty();
        p.close();
        assertThat(limiter.tryAcquire("acme", "e2", Duration.ofMinutes(1))).isPresent();
        clock.now.set(clock.now.get().plusSeconds(61));
        assertThat(limiter.tryAcquire("acme", "e3", Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void aSmallTenantIsNotStarvedByATenantFloodingTheQueue() throws Exception {
        Duration polling = Duration.ofMillis(500);
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            // The flood's runs hold their tenant permits until the small tenant's run has started (at most 60 s), so
            // the flood is still queued behind its limit however long creating it took on a loaded machine.
            java.util.concurrent.CountDownLatch smallStarted = new java.util.concurrent.CountDownLatch(1);
            f.sales.hook(request -> {
                if (request.tenantId().equals("flood")) {
                    smallStarted.await(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            });
            Map<String, Instant> started = new ConcurrentHashMap<>();
            AtomicInteger floodStarted = new AtomicInteger();
            Quotas roomy = Quotas.builder()
                    .maxSchedulesPerOwner(1000)
                    .maxSchedulesPerTenant(1000)
                    .build();
            Actor flood = Actor.of("flood", "f");
            Actor small = Actor.of("small", "s");
            ScheduleRequest request = ScheduleRequest.builder()
                    .name("r")
                    .reportType("sales")
                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                    .build();
            try (ScheduledReports reports = f.builder()
                    .quotas(roomy)
                    .tenantLimits(TenantLimits.of(2))
                    .manualRuns(new ManualRunLimits(Duration.ZERO, 100_000))
                    .polling(PollingSettings.builder().pollingInterval(polling).build())
                    .workerThreads(4)
                    .listener(new ReportsListener() {
                        @Override
                        public void executionStarted(ExecutionEvent event) {
                            if (event.tenantId().equals("flood")) {
                                floodStarted.incrementAndGet();
                            } else {
                                started.put(event.executionId(), Instant.now());
                                smallStarted.countDown();
                            }
                        }
                    })
                    .build()) {
                reports.start();
                // one manual run per schedule at a time (409 otherwise): the flood is 500 schedules run by hand
                for (int i = 0; i < FLOOD; i++) {
                    reports.runNow(flood, reports.create(flood, request).id());
                }
                String smallSchedule = reports.create(small, request).id();
                Thread.sleep(1_000); // the flood is being worked on at its limit
                assertThat(floodStarted.get()).isPositive();

                Instant submitted = Instant.now();
                Execution mine = reports.runNow(small, smallSchedule);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!started.containsKey(mine.id()) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(started).containsKey(mine.id());
                Duration latency = Duration.between(submitted, started.get(mine.id()));
                System.out.printf(
                        "%s: small tenant started %d ms after submitting, flood had started %d of %d%n",
                        database, latency.toMillis(), floodStarted.get(), FLOOD);
                assertThat(latency).isLessThan(polling.plusSeconds(1));
                assertThat(floodStarted.get()).as("the flood is still queued").isLessThan(FLOOD);
            }
        }
    }

    @Test
    void aGenerationGivesItsPermitBackBeforeItsFirstDeliveryIsSent() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            // tenant limit 1: the second run can only start while the first one's send is held if the first run
            // gave its permit back when its generation was recorded, not after its delivery
            java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
            AtomicInteger started = new AtomicInteger();
            AtomicReference<Boolean> sendSawSecondStart = new AtomicReference<>();
            f.email.beforeSend(delivery -> {
                if (sendSawSecondStart.get() == null) {
                    try {
                        sendSawSecondStart.set(secondStarted.await(20, java.util.concurrent.TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        sendSawSecondStart.set(false);
                    }
                }
            });
            Actor alice = Actor.of("acme", "alice");
            ScheduleRequest request = ScheduleRequest.builder()
                    .name("r")
                    .reportType("sales")
                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                    .recipient("email", "bob@acme.test")
                    .build();
            try (ScheduledReports reports = f.builder()
                    .tenantLimits(TenantLimits.of(1))
                    .manualRuns(new ManualRunLimits(Duration.ZERO, 100))
                    .polling(PollingSettings.builder()
                            .pollingInterval(Duration.ofMillis(200))
                            .build())
                    .workerThreads(4)
                    .listener(new ReportsListener() {
                        @Override
                        public void executionStarted(ExecutionEvent event) {
                            if (started.incrementAndGet() == 2) {
                                secondStarted.countDown();
                            }
                        }
                    })
                    .build()) {
                reports.start();
                reports.runNow(alice, reports.create(alice, request).id());
                reports.runNow(alice, reports.create(alice, request).id());
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (f.email.received().size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertThat(f.email.received()).as("both runs delivered").hasSize(2);
            assertThat(sendSawSecondStart.get())
                    .as("the second run started while the first run's e-mail was being sent")
                    .isTrue();
        }
    }

    static final int FLOOD = 500;
}
