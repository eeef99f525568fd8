package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Work run inline by a firing task can lose its holder without the holder dying: a real PostgreSQL restart (the
 * reliability suite's {@code db-restart}) broke off a generation, the retry could not be queued while the database
 * was down, and the firing task completed once it was back, leaving the execution RUNNING with nothing to run it.
 * The maintenance sweep queues such work again; these tests put the database into exactly that state.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class OrphanedInlineWorkTest {

    static final Instant T0 = Instant.parse("2026-02-10T08:00:00Z");
    static final Instant DUE = Instant.parse("2026-02-10T09:00:00Z");
    final Actor alice = Actor.of("acme", "alice");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private ScheduledReport scheduledAndRunOnce() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder(), T0);
        ScheduledReport s = kit.reports()
                .create(
                        alice,
                        ScheduleRequest.builder()
                                .name("Daily sales")
                                .reportType("sales")
                                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                .recipient("email", "alice@acme.test")
                                .build());
        kit.advanceTo(DUE);
        assertThat(only(s).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(f.email.received()).hasSize(1);
        return s;
    }

    private Execution only(ScheduledReport s) {
        List<Execution> runs =
                kit.reports().executions(alice, s.id(), PageRequest.first()).items();
        assertThat(runs).hasSize(1);
        return kit.reports().execution(alice, runs.getFirst().id());
    }

    @Test
    void anExecutionLeftRunningWithoutATaskIsGeneratedAgainByTheMaintenanceSweep() {
        ScheduledReport s = scheduledAndRunOnce();
        String id = only(s).id();
        // the state the restart left: the attempt broke off before its deliveries were recorded, nothing queued
        f.sql.execute("DELETE FROM " + f.db.tables().deliveries() + " WHERE execution_id = '" + id + "'");
        f.sql.execute("UPDATE " + f.db.tables().executions() + " SET status = 'RUNNING' WHERE id = '" + id + "'");

        kit.advance(Duration.ofSeconds(30));
        assertThat(only(s).status())
                .as("younger than the sweep's window (1 min): may still be held by a live worker")
                .isEqualTo(ExecutionStatus.RUNNING);

        kit.advance(Duration.ofMinutes(2));
        kit.runDue();
        Execution again = only(s);
        assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(again.attempt())
                .as("the broken-off attempt, then the sweep's")
                .isEqualTo(2);
        assertThat(again.scheduledFor()).isEqualTo(DUE);
        assertThat(f.email.received())
                .as("the first run's e-mail, then the re-run's")
                .hasSize(2);

        kit.advance(Duration.ofMinutes(5));
        assertThat(f.email.received()).as("settled work is never queued again").hasSize(2);
    }

    @Test
    void aDeliveryLeftPendingWithoutATaskIsSentAgainUnderItsKey() {
        ScheduledReport s = scheduledAndRunOnce();
        String id = only(s).id();
        f.sql.execute(
                "UPDATE " + f.db.tables().deliveries() + " SET status = 'SENDING' WHERE execution_id = '" + id + "'");
        f.sql.execute("UPDATE " + f.db.tables().executions() + " SET status = 'DELIVERING' WHERE id = '" + id + "'");

        kit.advance(Duration.ofMinutes(2));
        kit.runDue();
        Execution again = only(s);
        assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(again.attempt()).as("not generated again").isEqualTo(1);
        assertThat(again.deliveries())
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SENT));
        assertThat(f.email.received()).hasSize(2);
        assertThat(f.email.received().get(1).idempotencyKey())
                .as("sent again under the same key")
                .isEqualTo(f.email.received().get(0).idempotencyKey());
    }
}
