package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.internal.ReportsJdbi;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a tenant's queued generations step back when it is at its limit, and how a freed permit pulls the next one
 * forward, against each database. The race this guards: a generation promoted into a freed permit while another
 * worker (which found no permit a moment earlier) pushes the backlog back must keep its turn, or the tenant runs
 * below its limit until the backlog comes back (measured before the fix: 1,000 generations at a limit of 2 took
 * 70 s instead of 38 s in the fairness benchmark).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TenantBacklogTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    @Parameter
    TestDatabase database;

    TestDatabase.Instance db;
    SqlSupport sql;
    ExecutionTable executions;
    TaskTable tasks;
    Jdbi jdbi;
    final java.util.Set<String> scheduled = new java.util.HashSet<>();
    int slots;

    @BeforeEach
    void open() {
        db = database.open(2);
        ReportsSchema.of(db.dataSource(), db.tables()).migrate();
        Dialect dialect = Dialect.detect(db.dataSource());
        sql = new SqlSupport(db.tables(), dialect);
        executions = new ExecutionTable(sql);
        tasks = new TaskTable(sql, new ScheduleTable(sql, dialect));
        jdbi = ReportsJdbi.create(db.dataSource(), dialect);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private void queue(String id, String tenant, Instant due) {
        jdbi.useTransaction(h -> {
            if (scheduled.add(tenant)) {
                h.createUpdate("INSERT INTO " + db.tables().schedules() + " (id, tenant_id, owner_id, created_by,"
                                + " updated_by, name, report_type, report_params, output_format, schedule_config,"
                                + " timezone, locale, misfire_policy, delivery_options, empty_report_policy, status,"
                                + " version, created_at, updated_at) VALUES (:id, :tenant, 'o', 'o', 'o', 'n', 'sales',"
                                + " '{}', 'csv', '{}', 'UTC', 'en', 'RUN_ONCE', '{}', 'ALWAYS', 'ACTIVE', 1, :at, :at)")
                        .bind("id", "schedule-" + tenant)
                        .bind("tenant", tenant)
                        .bind("at", T0)
                        .execute();
            }
            Instant slot = T0.plusSeconds(slots++); // executions are unique per schedule, time and trigger
            executions.insertExecution(
                    h, id, tenant, "schedule-" + tenant, slot, Trigger.MANUAL, "{}", "csv", null, T0);
            tasks.insertNewTask(h, Engine.GENERATE, id, due, 70);
        });
    }

    private Instant due(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT execution_time FROM "
                        + db.tables().tasks() + " WHERE task_name = :n AND task_instance = :i")
                .bind("n", Engine.GENERATE)
                .bind("i", id)
                .map((rs, ctx) -> sql.instant(rs, "execution_time"))
                .one());
    }

    @Test
    void backlogStepsBackButAGenerationPromotedSinceKeepsItsTurn() {
        Instant asked = T0.plusSeconds(10);
        Instant until = T0.plusSeconds(15);
        queue("a-old", "a", T0); // was due when the worker found no permit
        queue("a-promoted", "a", asked.plus(3, ChronoUnit.MILLIS)); // made due after that
        queue("b-old", "b", T0); // another tenant

        int moved = jdbi.inTransaction(h -> tasks.deferTenantGenerations(h, Engine.GENERATE, "a", asked, until));

        assertThat(moved).isEqualTo(1);
        assertThat(due("a-old")).isEqualTo(until);
        assertThat(due("a-promoted")).isEqualTo(asked.plus(3, ChronoUnit.MILLIS));
        assertThat(due("b-old")).isEqualTo(T0);
    }

    @Test
    void aFreedPermitPullsTheTenantsEarliestDeferredGenerationForward() {
        Instant now = T0.plusSeconds(20);
        queue("a-later", "a", now.plus(Duration.ofSeconds(9)));
        queue("a-next", "a", now.plus(Duration.ofSeconds(4)));
        queue("b-next", "b", now.plus(Duration.ofSeconds(1)));

        boolean promoted = jdbi.inTransaction(h -> tasks.promoteNextGeneration(h, Engine.GENERATE, "a", now));
        assertThat(promoted).isTrue();

        assertThat(due("a-next")).isEqualTo(now);
        assertThat(due("a-later")).isEqualTo(now.plus(Duration.ofSeconds(9)));
        assertThat(due("b-next")).isEqualTo(now.plus(Duration.ofSeconds(1)));
        boolean none = jdbi.inTransaction(h -> tasks.promoteNextGeneration(h, Engine.GENERATE, "c", now));
        assertThat(none).isFalse();
    }

    private java.util.List<String> dueAt(Instant at, String... ids) {
        return java.util.Arrays.stream(ids).filter(id -> due(id).equals(at)).toList();
    }

    @Test
    void twoPermitsFreedAtOnceEachPromoteAGenerationOfTheirOwn() throws Exception {
        Instant now = T0.plusSeconds(20);
        queue("a-1", "a", now.plus(Duration.ofSeconds(5)));
        queue("a-2", "a", now.plus(Duration.ofSeconds(6)));
        queue("a-3", "a", now.plus(Duration.ofSeconds(7)));

        // the first worker has promoted the earliest but not committed yet when the second one looks
        try (org.jdbi.v3.core.Handle first = jdbi.open()) {
            first.begin();
            assertThat(tasks.promoteNextGeneration(first, Engine.GENERATE, "a", now))
                    .isTrue();
            var second = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> jdbi.inTransaction(h -> tasks.promoteNextGeneration(h, Engine.GENERATE, "a", now)));
            try {
                // before the fix the second waits for the first's row, then promotes the same generation again
                second.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException waiting) {
                // still waiting for the first: its commit lets it go on
            }
            first.commit();
            assertThat(second.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        assertThat(dueAt(now, "a-1", "a-2", "a-3")).containsExactly("a-1", "a-2");
        assertThat(due("a-3")).isEqualTo(now.plus(Duration.ofSeconds(7)));
    }

    @Test
    void aFreedPermitWithTheTenantsGenerationsAlreadyDueWakesThePoller() {
        Instant now = T0.plusSeconds(20);
        queue("a-due", "a", now.minusSeconds(1)); // its deferral is over: the next poll takes it

        boolean due = jdbi.inTransaction(h -> tasks.promoteNextGeneration(h, Engine.GENERATE, "a", now));

        assertThat(due).isTrue();
        assertThat(due("a-due")).isEqualTo(now.minusSeconds(1)); // keeps its place in the queue
    }
}
