package io.scheduledreports.core.internal;

import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.jdbc.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires many due schedules in one transaction when the timers fall behind (issue 25: 10,000 schedules due in the
 * same minute). A timer normally fires its own schedule and runs the report inline; when a worker picks a timer
 * later than one polling interval plus {@link #SLACK} after it fell due, timers are queueing up behind the
 * workers, so after firing its own schedule (before running its report) the worker locks up to
 * {@link EngineConfig#batchFiringSize()} other
 * due, idle timers ({@code FOR UPDATE SKIP LOCKED}, so concurrent batches and db-scheduler's own picks take
 * disjoint rows), fires their schedules as a timer would (the schedule rows locked with {@code SKIP LOCKED} too,
 * so a schedule that a worker is firing or a user is editing right now is left to that timer), queues their
 * generations as tasks, and re-arms each timer for its schedule's next run, all in one transaction. Executions are
 * then recorded within a few transactions of the due time instead of one worker's report at a time, and the
 * queued generations go to every worker. While batches come back full the worker fires the next one, for at most
 * {@link #MAX_FIRING_TIME}.
 *
 * <p>The guarantees are the timer's: firing still happens under the schedule row's lock, which is what makes a run
 * unique per schedule and time; a timer that a batch re-armed and that a worker had already fetched (MariaDB fetches
 * before it locks) fails db-scheduler's version check and is not run; a stale wake-up finds nothing due. On H2
 * (embedded, one instance: tests and demos) timers fire one by one.
 */
final class BatchFiring {

    private static final Logger LOG = LoggerFactory.getLogger(BatchFiring.class);

    /** How much later than one polling interval a picked timer must be before its worker fires a batch. */
    static final Duration SLACK = Duration.ofMillis(500);

    /** How long one worker keeps firing full batches before it runs its own report. */
    static final Duration MAX_FIRING_TIME = Duration.ofSeconds(5);

    private final Engine engine;
    private final int size;
    private final Duration lateAfter;

    BatchFiring(Engine engine) {
        this.engine = engine;
        EngineConfig config = engine.config;
        this.size = config.dialect() == Dialect.H2 ? 0 : config.batchFiringSize();
        this.lateAfter = config.pollingInterval().plus(SLACK);
    }

    /** Whether a timer picked now that was due at {@code dueAt} shows a backlog of timers. */
    boolean behind(Instant dueAt, Instant now) {
        return size > 0 && dueAt != null && Duration.between(dueAt, now).compareTo(lateAfter) > 0;
    }

    /**
     * Fires batches while they come back full (more timers are due), for at most {@link #MAX_FIRING_TIME}: a backlog
     * of 10,000 timers is recorded in seconds by whichever workers picked late timers, instead of each of them
     * firing one batch and then running a report first.
     */
    void fireWhileBehind() {
        long deadline = System.nanoTime() + MAX_FIRING_TIME.toNanos();
        while (fire(engine.config.clock().instant()) && System.nanoTime() < deadline) {
            // the batch was full: more timers may be due
        }
    }

    /**
     * Fires up to the batch size of due, idle timers' schedules in one transaction and queues their generations;
     * returns whether the batch was full (more timers may be due). A failure is logged and leaves the timers to fire
     * one by one.
     */
    boolean fire(Instant now) {
        List<String> skipped = new ArrayList<>();
        int[] fired = new int[1];
        boolean full;
        try {
            full = engine.tx.inTx(h -> {
                List<String> ids = engine.taskTable.lockDueIdleTasks(h, Engine.FIRE, now, size);
                if (ids.isEmpty()) {
                    return false;
                }
                List<ScheduleRow> locked = engine.scheduleTable.schedulesForUpdateSkipLocked(h, ids);
                Writes writes = new Writes();
                writes.lookUpActiveExecutions(h, locked, now);
                int count = 0;
                for (ScheduleRow s : locked) {
                    Instant next;
                    if (due(s, now)) {
                        next = engine.fireLocked(h, s, now, false, skipped, writes)
                                .next()
                                .at();
                        count++;
                    } else {
                        // edited since the timer was armed (its next run), or paused, completed or deleted meanwhile
                        // (null: the timer goes, as its firing would)
                        next = "ACTIVE".equals(s.status()) ? s.nextRunAt() : null;
                    }
                    writes.timer(s.id(), next);
                }
                writes.flush(h);
                fired[0] = count;
                return ids.size() == size; // a full batch: more may be due
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not fire a batch of due schedules; their timers fire one by one: {}", e.toString());
            return false;
        }
        engine.publishSkipped(skipped, now);
        if (fired[0] > 0) {
            LOG.debug("Fired {} due schedules in one batch", fired[0]);
            engine.wakeUp();
        }
        return full;
    }

    /** Whether a locked schedule is one that the batch fires: active and due (not moved since its timer was armed). */
    private static boolean due(ScheduleRow s, Instant now) {
        return "ACTIVE".equals(s.status())
                && s.nextRunAt() != null
                && !s.nextRunAt().isAfter(now);
    }

    /**
     * A batch's rows, collected while its schedules are fired and sent at the end as one JDBC batch per statement
     * (the same statements a single firing sends), in an order that keeps each row's writes in sequence: runs, then
     * skipped runs, then schedules, then generation tasks, then timers.
     */
    private final class Writes implements Engine.FiringWrites {
        private final SqlSupport sql = engine.sql;
        private final List<java.util.Map<String, Object>> executions = new ArrayList<>();
        private final List<java.util.Map<String, Object>> skippedRuns = new ArrayList<>();
        private final List<java.util.Map<String, Object>> schedules = new ArrayList<>();
        private final List<java.util.Map<String, Object>> generations = new ArrayList<>();
        private final List<java.util.Map<String, Object>> rearmed = new ArrayList<>();
        private final List<java.util.Map<String, Object>> removed = new ArrayList<>();
        /** Schedules whose active executions {@link #lookUpActiveExecutions} read. */
        private final java.util.Set<String> looked = new java.util.HashSet<>();
        /** Their earliest active execution, by schedule (absent: none). */
        private java.util.Map<String, String> active = java.util.Map.of();

        /**
         * Reads the earliest active execution of every due schedule under overlap policy SKIP in one statement,
         * before any run of this batch is written (a firing's own runs never count as the previous run; the rows
         * are sent only at {@link #flush}), instead of one statement per schedule.
         */
        void lookUpActiveExecutions(org.jdbi.v3.core.Handle h, List<ScheduleRow> locked, Instant now) {
            for (ScheduleRow s : locked) {
                if (due(s, now)
                        && io.scheduledreports.core.OverlapPolicy.SKIP.name().equals(s.overlapPolicy())) {
                    looked.add(s.id());
                }
            }
            active = engine.executionTable.activeExecutions(h, looked);
        }

        @Override
        public String activeExecution(org.jdbi.v3.core.Handle h, String scheduleId) {
            return looked.contains(scheduleId)
                    ? active.get(scheduleId)
                    : engine.executionTable.activeExecution(h, scheduleId, null).orElse(null);
        }

        @Override
        public void insertExecution(
                org.jdbi.v3.core.Handle h, String id, ScheduleRow s, Instant slot, String resolvedParams, Instant now) {
            executions.add(ExecutionTable.insertParams(
                    id,
                    s.tenantId(),
                    s.id(),
                    slot,
                    io.scheduledreports.spi.Trigger.SCHEDULED,
                    s.reportParams(),
                    s.outputFormat(),
                    resolvedParams,
                    now));
        }

        @Override
        public void markSkipped(org.jdbi.v3.core.Handle h, String id, String reason, Instant now) {
            skippedRuns.add(ExecutionTable.skippedParams(id, reason, now));
        }

        @Override
        public void recordFired(
                org.jdbi.v3.core.Handle h,
                String scheduleId,
                Instant next,
                Instant lastRun,
                io.scheduledreports.core.ScheduleStatus status) {
            schedules.add(ScheduleTable.firedParams(scheduleId, next, lastRun, status));
        }

        @Override
        public void queueGeneration(org.jdbi.v3.core.Handle h, String executionId, Instant at) {
            generations.add(TaskTable.newTaskParams(
                    Engine.GENERATE,
                    executionId,
                    at,
                    Engine.generationPriority(io.scheduledreports.spi.Trigger.SCHEDULED)));
        }

        /** Re-arms a schedule's timer for {@code next}, or removes it when there is no next run. */
        void timer(String scheduleId, Instant next) {
            if (next == null) {
                removed.add(TaskTable.idleTaskParams(Engine.FIRE, scheduleId));
            } else {
                rearmed.add(TaskTable.rescheduleParams(Engine.FIRE, scheduleId, next));
            }
        }

        void flush(org.jdbi.v3.core.Handle h) {
            send(h, ExecutionTable.INSERT_EXECUTION, executions);
            send(h, ExecutionTable.MARK_SKIPPED, skippedRuns);
            send(h, ScheduleTable.RECORD_FIRED, schedules);
            send(h, TaskTable.INSERT_NEW_TASK, generations);
            send(h, TaskTable.RESCHEDULE_IDLE_TASK, rearmed);
            send(h, TaskTable.DELETE_IDLE_TASK, removed);
        }

        private void send(org.jdbi.v3.core.Handle h, String statement, List<java.util.Map<String, Object>> rows) {
            if (rows.isEmpty()) {
                return;
            }
            org.jdbi.v3.core.statement.PreparedBatch batch = sql.batch(h, statement);
            for (java.util.Map<String, Object> row : rows) {
                batch.add(row);
            }
            batch.execute();
        }
    }
}
