package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An instance dies in the middle of work (its connections are cut and its threads are stuck, as when a process
 * is killed); another instance finishes the work. Nothing is doubled, nothing is lost.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"POSTGRESQL", "MARIADB"})
class CrashRecoveryTest {

    @Parameter
    TestDatabase database;

    final Actor alice = Actor.of("acme", "alice");

    @TempDir
    Path artifacts;

    private ScheduledReports.Builder node(
            EngineFixture f, HikariDataSource pool, String name, SalesReport report, RecordingChannel channel) {
        return ScheduledReports.builder(pool)
                .tablePrefix(f.db.tables().prefix())
                .reportType(report)
                .formatter(CsvFormatter.ofDefaults())
                .channel(channel)
                .artifactDirectory(artifacts)
                .diskGuard(DiskGuard.disabled())
                .instanceName(name)
                .polling(PollingSettings.builder()
                        .pollingInterval(Duration.ofMillis(100))
                        .heartbeatInterval(Duration.ofMillis(200))
                        .missedHeartbeatsLimit(4)
                        .build());
    }

    private ScheduleRequest request() {
        return ScheduleRequest.builder()
                .name("crash")
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                .recipient("email", "alice@acme.test")
                .recipient("email", "bob@acme.test")
                .build();
    }

    @Test
    void anotherInstanceFinishesAGenerationWhoseInstanceDied() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            SalesReport stuck = new SalesReport();
            stuck.hook(request -> {
                entered.countDown();
                release.await();
            });
            RecordingChannel channelA = new RecordingChannel("email");
            HikariDataSource poolA = f.db.newPool(4);
            ScheduledReports a = node(f, poolA, "node-a", stuck, channelA).build();
            a.start();
            Execution run = a.runNow(alice, a.create(alice, request()).id());
            assertThat(entered.await(20, TimeUnit.SECONDS))
                    .as("generation started on A")
                    .isTrue();

            kill(poolA); // A's connections are gone; its worker is still stuck inside the report

            HikariDataSource poolB = f.db.newPool(4);
            try (ScheduledReports b = node(f, poolB, "node-b", f.sales, f.email).build()) {
                b.start();
                await(() -> b.execution(alice, run.id()).status() == ExecutionStatus.SUCCEEDED);
                release.countDown(); // A wakes up and tries to finish: it must not record anything
                Thread.sleep(500);

                Execution done = b.execution(alice, run.id());
                assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertFinishedOnceByB(f, done, channelA);
            } finally {
                release.countDown();
                a.close();
                poolB.close();
            }
        }
    }

    @Test
    void anotherInstanceResendsADeliveryWhoseInstanceDiedWhileSending() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RecordingChannel stuckChannel = new RecordingChannel("email");
            stuckChannel.beforeSend(delivery -> {
                if (delivery.recipient().destination().equals("bob@acme.test")) {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("instance A is dead");
                }
            });
            HikariDataSource poolA = f.db.newPool(4);
            ScheduledReports a = node(f, poolA, "node-a", f.sales, stuckChannel).build();
            a.start();
            Execution run = a.runNow(alice, a.create(alice, request()).id());
            assertThat(entered.await(20, TimeUnit.SECONDS))
                    .as("delivery to bob started on A")
                    .isTrue();
            await(() -> f.sql.count(f.db.tables().deliveries(), "destination = 'alice@acme.test' AND status = 'SENT'")
                    == 1);

            kill(poolA);

            HikariDataSource poolB = f.db.newPool(4);
            try (ScheduledReports b = node(f, poolB, "node-b", f.sales, f.email).build()) {
                b.start();
                await(() -> b.execution(alice, run.id()).status() == ExecutionStatus.SUCCEEDED);
                release.countDown();
                Thread.sleep(500);

                Execution done = b.execution(alice, run.id());
                assertThat(done.attempt()).as("generated once").isEqualTo(1);
                assertThat(f.sales.generations).hasValue(1);
                assertThat(stuckChannel.receivedBy("alice@acme.test")).hasSize(1);
                assertThat(f.email.receivedBy("alice@acme.test"))
                        .as("alice's delivery was recorded as sent")
                        .isEmpty();
                assertThat(f.email.receivedBy("bob@acme.test")).singleElement().satisfies(r -> {
                    assertThat(r.attempt()).isEqualTo(2);
                    assertThat(r.idempotencyKey())
                            .isEqualTo(done.deliveries().stream()
                                    .filter(d -> d.destination().equals("bob@acme.test"))
                                    .findFirst()
                                    .orElseThrow()
                                    .idempotencyKey());
                });
            } finally {
                release.countDown();
                a.close();
                poolB.close();
            }
        }
    }

    @Test
    void aRecoveredGenerationKeepsItsDueTimeAndPriority() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            CountDownLatch enteredA = new CountDownLatch(1);
            CountDownLatch enteredB = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            SalesReport stuckA = new SalesReport();
            stuckA.hook(request -> {
                enteredA.countDown();
                release.await();
            });
            SalesReport stuckB = new SalesReport();
            stuckB.hook(request -> {
                enteredB.countDown();
                release.await();
            });
            HikariDataSource poolA = f.db.newPool(4);
            ScheduledReports a = node(f, poolA, "node-a", stuckA, new RecordingChannel("email"))
                    .build();
            a.start();
            Execution run = a.runNow(alice, a.create(alice, request()).id());
            assertThat(enteredA.await(20, TimeUnit.SECONDS))
                    .as("generation started on A")
                    .isTrue();
            String taskRow = "SELECT CONCAT(CONCAT(CAST(execution_time AS VARCHAR(40)), ' priority '),"
                    + " CAST(priority AS VARCHAR(10))) FROM " + f.db.tables().tasks()
                    + " WHERE task_name = 'report-generate' AND task_instance = '" + run.id() + "'";
            if (database == io.scheduledreports.jdbc.testing.TestDatabase.MARIADB) {
                taskRow = taskRow.replace("VARCHAR(40)", "CHAR(40)").replace("VARCHAR(10)", "CHAR(10)");
            }
            String due = f.sql.strings(taskRow).getFirst();

            kill(poolA);
            Thread.sleep(1_500); // the time the dead instance's task waits: "now" moves on

            HikariDataSource poolB = f.db.newPool(4);
            try (ScheduledReports b = node(f, poolB, "node-b", stuckB, f.email).build()) {
                b.start();
                assertThat(enteredB.await(30, TimeUnit.SECONDS))
                        .as("B took the generation over")
                        .isTrue();
                assertThat(f.sql.strings(taskRow))
                        .as("revived at its original due time and priority, ahead of work that fell due since")
                        .containsExactly(due);
                release.countDown();
                await(() -> b.execution(alice, run.id()).status() == ExecutionStatus.SUCCEEDED);
            } finally {
                release.countDown();
                a.close();
                poolB.close();
            }
        }
    }

    /** A daily 09:00 run's due time, in the future of every test clock below. */
    private static final Instant DUE = Instant.parse("2030-01-07T09:00:00Z");

    /** Creates a daily 09:00 schedule with the given recipients, with a clock two hours before it is due. */
    private String createScheduled(EngineFixture f, String... recipients) {
        ScheduleRequest.Builder request = ScheduleRequest.builder()
                .name("scheduled crash")
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");
        for (String to : recipients) {
            request.recipient("email", to);
        }
        try (ScheduledReports setup = f.builder()
                .clock(ClusterTest.clockAt(DUE.minus(Duration.ofHours(2))))
                .build()) {
            setup.start();
            return setup.create(alice, request.build()).id();
        }
    }

    /**
     * A scheduled run is generated by the worker that fired its schedule, without a task row of its own: when that
     * instance dies mid-generation, another one finds the firing dead and queues the generation it left.
     */
    @Test
    void anotherInstanceFinishesAScheduledGenerationWhoseFiringInstanceDied() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            String scheduleId = createScheduled(f, "alice@acme.test", "bob@acme.test");
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            SalesReport stuck = new SalesReport();
            stuck.hook(request -> {
                entered.countDown();
                release.await();
            });
            RecordingChannel channelA = new RecordingChannel("email");
            HikariDataSource poolA = f.db.newPool(4);
            ScheduledReports a = node(f, poolA, "node-a", stuck, channelA)
                    .clock(ClusterTest.clockAt(DUE.minusSeconds(1)))
                    .build();
            a.start();
            assertThat(entered.await(30, TimeUnit.SECONDS))
                    .as("scheduled generation started on A")
                    .isTrue();

            kill(poolA);

            HikariDataSource poolB = f.db.newPool(4);
            try (ScheduledReports b = node(f, poolB, "node-b", f.sales, f.email)
                    .clock(ClusterTest.clockAt(DUE.plusSeconds(2)))
                    .build()) {
                b.start();
                await(() -> f.sql.count(f.db.tables().executions(), "status = 'SUCCEEDED'") == 1);
                release.countDown(); // A wakes up and tries to finish: it must not record anything
                Thread.sleep(500);

                Execution done = b.execution(
                        alice,
                        b.executions(alice, scheduleId, PageRequest.first())
                                .items()
                                .getFirst()
                                .id());
                assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(done.scheduledFor()).isEqualTo(DUE);
                assertFinishedOnceByB(f, done, channelA);
            } finally {
                release.countDown();
                a.close();
                poolB.close();
            }
        }
    }

    /**
     * The first delivery of a scheduled run is sent by the worker that fired and generated it: when that instance
     * dies while sending, another one sends it again under the same key, and the report is generated once.
     */
    @Test
    void anotherInstanceResendsAScheduledDeliveryWhoseFiringInstanceDiedWhileSending() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            String scheduleId = createScheduled(f, "bob@acme.test");
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RecordingChannel stuckChannel = new RecordingChannel("email");
            stuckChannel.beforeSend(delivery -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("instance A is dead");
            });
            HikariDataSource poolA = f.db.newPool(4);
            ScheduledReports a = node(f, poolA, "node-a", f.sales, stuckChannel)
                    .clock(ClusterTest.clockAt(DUE.minusSeconds(1)))
                    .build();
            a.start();
            assertThat(entered.await(30, TimeUnit.SECONDS))
                    .as("delivery to bob started on A")
                    .isTrue();

            kill(poolA);

            HikariDataSource poolB = f.db.newPool(4);
            try (ScheduledReports b = node(f, poolB, "node-b", f.sales, f.email)
                    .clock(ClusterTest.clockAt(DUE.plusSeconds(2)))
                    .build()) {
                b.start();
                await(() -> f.sql.count(f.db.tables().executions(), "status = 'SUCCEEDED'") == 1);
                release.countDown();
                Thread.sleep(500);

                Execution done = b.execution(
                        alice,
                        b.executions(alice, scheduleId, PageRequest.first())
                                .items()
                                .getFirst()
                                .id());
                assertThat(done.attempt()).as("generated once").isEqualTo(1);
                assertThat(f.sales.generations).hasValue(1);
                assertThat(f.email.receivedBy("bob@acme.test")).singleElement().satisfies(r -> {
                    assertThat(r.attempt()).isEqualTo(2);
                    assertThat(r.idempotencyKey())
                            .isEqualTo(done.deliveries().getFirst().idempotencyKey());
                });
            } finally {
                release.countDown();
                a.close();
                poolB.close();
            }
        }
    }

    /** What a killed process leaves behind: open transactions die with their connections, no heartbeats. */
    private static void kill(HikariDataSource pool) {
        pool.getHikariPoolMXBean().softEvictConnections();
        pool.close();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (ReportsNotFoundException | IllegalStateException ignored) {
                // not there yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within 60 s");
    }

    /** B finished A's run: A's attempt then B's, both deliveries sent once through B, nothing through A. */
    private static void assertFinishedOnceByB(EngineFixture f, Execution done, RecordingChannel channelA) {
        assertThat(done.attempt()).as("A's attempt, then B's").isEqualTo(2);
        assertThat(done.deliveries())
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SENT));
        assertThat(f.email.received()).hasSize(2);
        assertThat(channelA.received()).isEmpty();
        assertThat(f.sql.count(f.db.tables().executions())).isEqualTo(1);
        assertThat(f.sql.count(f.db.tables().deliveries())).isEqualTo(2);
    }
}
