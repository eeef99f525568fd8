package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.internal.ReportsJdbi;
import io.scheduledreports.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch firing locks the due timers it takes and no others (issue 25, MariaDB fire lateness): every other due
 * timer stays free for db-scheduler to pick while the batch runs. On MariaDB db-scheduler fetches due timers without
 * a lock and then picks each with an {@code UPDATE ... WHERE version = ?}, which waits for any transaction holding
 * that row; with one {@code ORDER BY ... LIMIT ... FOR UPDATE SKIP LOCKED} statement InnoDB locked every due timer
 * its plan read before the limit applied (all of them, when it reads them by primary key and sorts), so every pick
 * waited for the batch. PostgreSQL and MariaDB, the databases that fire in batches.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"POSTGRESQL", "MARIADB"})
class DueTimerLocksTest {
    private static final Instant NOW = Instant.parse("2026-12-02T03:30:05Z");
    private static final int DUE_TIMERS = 30;
    private static final int BATCH = 10;

    @Parameter
    TestDatabase database;

    TestDatabase.Instance db;
    SqlSupport sql;
    TaskTable tasks;
    Jdbi jdbi;

    @BeforeEach
    void open() {
        db = database.open(3);
        ReportsSchema.of(db.dataSource(), db.tables()).migrate();
        Dialect dialect = Dialect.detect(db.dataSource());
        sql = new SqlSupport(db.tables(), dialect);
        tasks = new TaskTable(sql, new ScheduleTable(sql, dialect));
        jdbi = ReportsJdbi.create(db.dataSource(), dialect);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /**
     * 30 timers due, 300 due tomorrow, and {@code generations} generations due before the timers (a backlog being
     * worked off).
     */
    private void seed(int generations) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < DUE_TIMERS; i++) {
            rows.add(TaskTable.newTaskParams(Engine.FIRE, "due-" + i, NOW.minusSeconds(5), 90));
        }
        for (int i = 0; i < 300; i++) {
            rows.add(TaskTable.newTaskParams(Engine.FIRE, "later-" + i, NOW.plus(Duration.ofDays(1)), 90));
        }
        for (int i = 0; i < generations; i++) {
            rows.add(TaskTable.newTaskParams(Engine.GENERATE, "run-" + i, NOW.minusSeconds(60), 50));
        }
        jdbi.useTransaction(h -> {
            var batch = sql.batch(h, TaskTable.INSERT_NEW_TASK);
            rows.forEach(batch::add);
            batch.execute();
        });
        jdbi.useHandle(h -> h.execute("ANALYZE " + (database == TestDatabase.MARIADB ? "TABLE " : "")
                + db.tables().tasks()));
    }

    /** Whether another transaction can lock the timer at once (it fails instead of waiting when it cannot). */
    private boolean lockableElsewhere(Connection other, String task, String instance) throws SQLException {
        try (PreparedStatement s = other.prepareStatement("SELECT task_instance FROM "
                + db.tables().tasks() + " WHERE task_name = ? AND task_instance = ? FOR UPDATE NOWAIT")) {
            s.setString(1, task);
            s.setString(2, instance);
            s.executeQuery().close();
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            other.rollback();
        }
    }

    /**
     * Takes a batch of 10 of the 30 due timers and checks, while it is open, which due timers and which of every
     * 100th due generation another transaction can lock at once: none but the 10 taken may be held.
     */
    private void assertABatchHoldsOnlyTheTimersItTakes(int generations) throws Exception {
        seed(generations);
        try (Connection other = db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
                List<String> taken = tasks.lockDueIdleTasks(h, Engine.FIRE, NOW, BATCH);
                assertThat(taken).as("a full batch: 20 more timers are due").hasSize(BATCH);

                List<String> held = new ArrayList<>();
                for (int i = 0; i < DUE_TIMERS; i++) {
                    if (!lockableElsewhere(other, Engine.FIRE, "due-" + i)) {
                        held.add("due-" + i);
                    }
                }
                for (int i = 0; i < generations; i += 100) {
                    if (!lockableElsewhere(other, Engine.GENERATE, "run-" + i)) {
                        held.add("run-" + i);
                    }
                }
                assertThat(held)
                        .as("the due tasks another transaction cannot lock while the batch runs")
                        .containsExactlyInAnyOrderElementsOf(taken);
            });
        }
    }

    /** MariaDB reads {@code execution_time}'s index in order: the generations due before the timers come first. */
    @Test
    void aBatchHoldsNeitherTheGenerationsDueBeforeItsTimers() throws Exception {
        assertABatchHoldsOnlyTheTimersItTakes(3_000);
    }

    /** MariaDB reads the timers by primary key and sorts them: it reads every due timer. */
    @Test
    void aBatchHoldsNoneOfTheDueTimersItLeaves() throws Exception {
        assertABatchHoldsOnlyTheTimersItTakes(30_000);
    }

    /**
     * A batch in another transaction, on another thread (Jdbi would run a nested callback on this thread's handle),
     * committed before this returns.
     */
    private List<String> elsewhere(int limit) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> jdbi.inTransaction(
                        TransactionIsolationLevel.READ_COMMITTED,
                        h -> tasks.lockDueIdleTasks(h, Engine.FIRE, NOW, limit)))
                .join();
    }

    @Test
    void concurrentBatchesTakeDisjointFullBatches() throws Exception {
        seed(3_000);
        jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, first -> {
            List<String> a = tasks.lockDueIdleTasks(first, Engine.FIRE, NOW, BATCH);
            List<String> b = elsewhere(BATCH);
            List<String> rest = elsewhere(2 * DUE_TIMERS);
            assertThat(a).hasSize(BATCH);
            assertThat(b)
                    .as("a batch running beside the first one still takes a full batch of other timers")
                    .hasSize(BATCH)
                    .doesNotContainAnyElementsOf(a);
            assertThat(rest)
                    .as("with the first batch still open, every due timer but its 10 can be taken: not a full batch")
                    .hasSize(DUE_TIMERS - BATCH)
                    .doesNotContainAnyElementsOf(a);
        });
    }
}
