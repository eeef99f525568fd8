package io.scheduledreports.core.internal;

import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.jdbc.Dialect;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The SQL that reads and writes db-scheduler's task table directly (the only code tied to another project's
 * schema; everything else goes through db-scheduler's client): new task rows without the client's existence check,
 * idle-task removal, the tenant backlog's step-back and promotion, and the test kit's and maintenance's queries.
 */
final class TaskTable {

    private final SqlSupport sql;
    private final ScheduleTable scheduleTable;

    TaskTable(SqlSupport sql, ScheduleTable scheduleTable) {
        this.sql = sql;
        this.scheduleTable = scheduleTable;
    }

    /** Active schedules without a fire task: repaired by the maintenance sweep. */
    List<ScheduleRow> activeSchedulesWithoutTrigger(Handle h, String fireTask, int limit) {
        return sql.query(h, """
                SELECT s.* FROM <schedules> s WHERE s.status = 'ACTIVE'
                AND s.next_run_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM <tasks>
                k WHERE k.task_name = :task AND k.task_instance = s.id) LIMIT :limit
                """)
                .bind("task", fireTask)
                .bind("limit", limit)
                .map((rs, ctx) -> scheduleTable.schedule(rs))
                .list();
    }

    /** Inserts a task without data; binds name, instance, at, priority. */
    static final String INSERT_NEW_TASK = """
            INSERT INTO <tasks>
            (task_name, task_instance, task_data, execution_time, picked, version, priority)
            VALUES (:name, :instance, NULL, :at, FALSE, 1, :priority)
            """;

    /** Moves an idle task, bumping its version; binds name, instance, at. */
    static final String RESCHEDULE_IDLE_TASK = """
            UPDATE <tasks> SET execution_time = :at, version = version + 1
            WHERE task_name = :name AND task_instance = :instance AND picked = FALSE
            """;

    /** Removes an idle task; binds name, instance. */
    static final String DELETE_IDLE_TASK = """
            DELETE FROM <tasks>
            WHERE task_name = :name AND task_instance = :instance AND picked = FALSE
            """;

    /**
     * Inserts a task that cannot exist yet (its instance id was just generated), as db-scheduler's client would
     * but without its existence check: one statement instead of two. The task has no data.
     */
    void insertNewTask(Handle h, String taskName, String instance, Instant at, int priority) {
        sql.update(h, INSERT_NEW_TASK)
                .bindMap(newTaskParams(taskName, instance, at, priority))
                .execute();
    }

    /** The parameters of {@link #INSERT_NEW_TASK} (one statement, or one row of a batch). */
    static Map<String, Object> newTaskParams(String taskName, String instance, Instant at, int priority) {
        return Map.of("name", taskName, "instance", instance, "at", at, "priority", priority);
    }

    /**
     * How many more due tasks than it takes a batch reads on MariaDB before it locks (see {@link
     * #lockDueIdleTasks}): concurrent batches read the same earliest rows, and each must still find a full batch of
     * rows that the others have not locked.
     */
    static final int CANDIDATES_PER_TASK = 4;

    /**
     * Locks up to {@code limit} idle tasks of {@code taskName} that are due at {@code now}, among the earliest,
     * skipping rows another transaction holds (a concurrent batch, or db-scheduler picking them), and locking no
     * other row.
     *
     * <p>PostgreSQL does it in one statement ({@code ORDER BY ... LIMIT ... FOR UPDATE SKIP LOCKED}) and locks only
     * the rows it returns. MariaDB (InnoDB) keeps a lock on every row its plan reads before the {@code LIMIT}
     * applies. Reading {@code execution_time}'s index in order, it locks every due task of other names before the
     * timers (3,000 due generations: 6,020 row locks for a batch of 10); reading the timers by primary key and
     * sorting them, which it chooses when due tasks of other names outnumber them or with statistics taken before
     * the table was filled, it locks every due timer. In the {@code scale} benchmark (10,000 timers due at once)
     * each batch of 200 held the locks of every due timer left (9,904 down to 128), so every db-scheduler pick of a
     * due task (an {@code UPDATE} by version: on MariaDB db-scheduler fetches without a lock, then picks) waited for
     * the batch to commit, and so did the other batches. So on MariaDB the earliest {@value #CANDIDATES_PER_TASK}
     * × {@code limit} due timers are read without a lock, then up to {@code limit} of those are locked through the
     * primary key (forced, without a sort, so the scan stops at the limit), skipping the ones that concurrent
     * batches hold: only the rows taken are held, whatever the plan of the read.
     */
    List<String> lockDueIdleTasks(Handle h, String taskName, Instant now, int limit) {
        if (sql.dialect() != Dialect.MARIADB) {
            return sql.query(h, """
                    SELECT task_instance FROM <tasks>
                    WHERE task_name = :name AND picked = FALSE AND execution_time <= :now
                    ORDER BY execution_time LIMIT :limit FOR UPDATE SKIP LOCKED
                    """)
                    .bind("name", taskName)
                    .bind("now", now)
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
        }
        List<String> due = sql.query(h, """
                SELECT task_instance FROM <tasks>
                WHERE task_name = :name AND picked = FALSE AND execution_time <= :now
                ORDER BY execution_time LIMIT :limit
                """)
                .bind("name", taskName)
                .bind("now", now)
                .bind("limit", CANDIDATES_PER_TASK * limit)
                .mapTo(String.class)
                .list();
        if (due.isEmpty()) {
            return List.of();
        }
        return sql.query(h, """
                SELECT task_instance FROM <tasks> FORCE INDEX (PRIMARY)
                WHERE task_name = :name AND task_instance IN (<instances>)
                AND picked = FALSE AND execution_time <= :now
                LIMIT :limit FOR UPDATE SKIP LOCKED
                """)
                .bind("name", taskName)
                .bindList("instances", due)
                .bind("now", now)
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /**
     * Moves an idle task to {@code at}, bumping its version so that a worker that fetched it before (without a
     * lock) fails db-scheduler's version check instead of running it.
     */
    int rescheduleIdleTask(Handle h, String taskName, String instance, Instant at) {
        return sql.update(h, RESCHEDULE_IDLE_TASK)
                .bindMap(rescheduleParams(taskName, instance, at))
                .execute();
    }

    /** The parameters of {@link #RESCHEDULE_IDLE_TASK} (one statement, or one row of a batch). */
    static Map<String, Object> rescheduleParams(String taskName, String instance, Instant at) {
        return Map.of("name", taskName, "instance", instance, "at", at);
    }

    /** Removes a task that is not currently running; a running one ends on its own. */
    int deleteIdleTask(Handle h, String taskName, String instance) {
        return sql.update(h, DELETE_IDLE_TASK)
                .bindMap(idleTaskParams(taskName, instance))
                .execute();
    }

    /** The parameters of {@link #DELETE_IDLE_TASK} (one statement, or one row of a batch). */
    static Map<String, Object> idleTaskParams(String taskName, String instance) {
        return Map.of("name", taskName, "instance", instance);
    }

    long countDueTasks(Handle h, Instant now) {
        return sql.query(h, "SELECT COUNT(*) FROM <tasks> WHERE picked = FALSE AND execution_time <= :now")
                .bind("now", now)
                .mapTo(Long.class)
                .one();
    }

    /** Names of the scheduler instances that heartbeat a picked task since {@code since} (db-scheduler's view). */
    List<String> instancesWithHeartbeatSince(Handle h, Instant since) {
        return sql.query(h, """
                SELECT DISTINCT picked_by FROM <tasks>
                WHERE picked = TRUE AND picked_by IS NOT NULL AND last_heartbeat >= :since
                """).bind("since", since).mapTo(String.class).list();
    }

    /** The earliest time a task other than {@code excludedTask} is due, or null. */
    Instant nextTaskTime(Handle h, String excludedTask) {
        return sql.query(h, """
                SELECT MIN(execution_time) AS t FROM <tasks>
                WHERE picked = FALSE AND task_name <> :excluded
                """)
                .bind("excluded", excludedTask)
                .map((rs, ctx) -> sql.instant(rs, "t"))
                .one();
    }

    /**
     * Moves a tenant's queued generations that were due before {@code before} to {@code until}, so that a tenant at
     * its limit does not keep the queue's head while other tenants wait. Generations made due at or after
     * {@code before} (promoted into a permit freed since the caller found none) keep their time.
     */
    int deferTenantGenerations(Handle h, String generateTask, String tenantId, Instant before, Instant until) {
        return sql.update(h, """
                UPDATE <tasks> SET execution_time = :until, version = version + 1
                WHERE task_name = :task AND picked = FALSE AND execution_time < :before AND task_instance IN
                (SELECT id FROM <executions> WHERE tenant_id = :tenant AND status = 'QUEUED')
                """)
                .bind("task", generateTask)
                .bind("tenant", tenantId)
                .bind("before", before)
                .bind("until", until)
                .execute();
    }

    /**
     * Makes the tenant's earliest deferred generation due now, for a permit that was just freed. Two workers that
     * free permits at the same moment must promote two generations, not the same one twice (a lost promotion leaves
     * the freed permit unused until the backlog's deferral ends, and the tenant below its limit): of the tenant's
     * first few deferred generations, the first whose task row can be locked ({@code FOR UPDATE SKIP LOCKED}, so
     * another promotion's row is passed over without waiting for it) and still has the version read is promoted.
     * Returns whether the tenant has a queued generation due now, promoted here or already due and waiting for a
     * poll: the caller then wakes the poller.
     */
    boolean promoteNextGeneration(Handle h, String generateTask, String tenantId, Instant now) {
        List<Map.Entry<String, Long>> candidates = sql.query(h, """
                SELECT k.task_instance, k.version FROM <tasks> k JOIN <executions>
                e ON e.id = k.task_instance WHERE k.task_name = :task AND k.picked = FALSE
                AND e.tenant_id = :tenant AND e.status = 'QUEUED' AND k.execution_time > :now
                ORDER BY k.priority DESC, k.execution_time, k.task_instance LIMIT :limit
                """)
                .bind("task", generateTask)
                .bind("tenant", tenantId)
                .bind("now", now)
                .bind("limit", PROMOTION_CANDIDATES)
                .map((rs, ctx) -> Map.entry(rs.getString("task_instance"), rs.getLong("version")))
                .list();
        for (Map.Entry<String, Long> candidate : candidates) {
            boolean locked = sql.query(h, """
                    SELECT task_instance FROM <tasks> WHERE task_name = :task AND task_instance = :id
                    AND picked = FALSE AND version = :version FOR UPDATE SKIP LOCKED
                    """)
                    .bind("task", generateTask)
                    .bind("id", candidate.getKey())
                    .bind("version", candidate.getValue())
                    .mapTo(String.class)
                    .findOne()
                    .isPresent();
            if (locked
                    && sql.update(h, """
                                    UPDATE <tasks> SET execution_time = :now, version = version + 1
                                    WHERE task_name = :task AND task_instance = :id AND version = :version
                                    """)
                                    .bind("task", generateTask)
                                    .bind("id", candidate.getKey())
                                    .bind("version", candidate.getValue())
                                    .bind("now", now)
                                    .execute()
                            == 1) {
                return true;
            }
        }
        return hasDueGeneration(h, generateTask, tenantId, now);
    }

    /** How many of a tenant's deferred generations a promotion tries before it gives up (others promote them). */
    static final int PROMOTION_CANDIDATES = 8;

    /** Whether a queued generation of the tenant is due and not yet picked. */
    private boolean hasDueGeneration(Handle h, String generateTask, String tenantId, Instant now) {
        return sql.query(h, """
                        SELECT k.task_instance FROM <tasks> k JOIN <executions>
                        e ON e.id = k.task_instance WHERE k.task_name = :task AND k.picked = FALSE
                        AND e.tenant_id = :tenant AND e.status = 'QUEUED' AND k.execution_time <= :now LIMIT 1
                        """)
                .bind("task", generateTask)
                .bind("tenant", tenantId)
                .bind("now", now)
                .mapTo(String.class)
                .findOne()
                .isPresent();
    }
}
