package io.scheduledreports.core.internal;

import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.Trigger;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Finds the work that a task ran inline and did not finish: the generation of an execution recorded by a firing, and
 * the delivery that a generation sends itself. Such work has no task row of its own; the task that runs it (its
 * holder) stays picked, with db-scheduler's heartbeat, until the work is done or has a task row of its own (a retry,
 * a deferral). When the holder's instance dies, db-scheduler finds the holder dead and the engine asks this class
 * what the holder left behind, to queue it as tasks of its own.
 *
 * <p>Work is left behind when it is not finished and nothing else holds it: an execution still QUEUED or RUNNING
 * without a generation task, a delivery still PENDING or SENDING without a delivery task whose execution has no
 * generation task either (a live generation task holds its own first delivery).
 */
final class InlineRecovery {

    /** An execution left behind, with the trigger that decides its priority. */
    record LeftExecution(String id, Trigger trigger) {}

    private final TableNames t;
    /** No generation task ({@code :generate}) for execution {@code e}: a live one holds the execution. */
    private final String withoutGenerationTask;
    /** No delivery task ({@code :deliver}) for delivery {@code d}. */
    private final String withoutDeliveryTask;
    /** The firing task ({@code :fire}) of {@code e}'s schedule is not picked ({@code :picked}). */
    private final String withoutPickedFiring;

    InlineRecovery(TableNames tables) {
        this.t = tables;
        this.withoutGenerationTask = withoutTask("g", "generate", "e.id", "");
        this.withoutDeliveryTask = withoutTask("k", "deliver", "d.id", "");
        this.withoutPickedFiring = withoutTask("f", "fire", "e.schedule_id", " AND f.picked = :picked");
    }

    private String withoutTask(String alias, String taskParameter, String instance, String more) {
        return " AND NOT EXISTS (SELECT 1 FROM " + t.tasks() + " " + alias + " WHERE " + alias + ".task_name = :"
                + taskParameter + " AND " + alias + ".task_instance = " + instance + more + ")";
    }

    /** Executions of a schedule that its dead firing task recorded and did not finish. */
    List<LeftExecution> executionsOf(Handle h, String scheduleId) {
        return h.createQuery("SELECT e.id, e.run_trigger FROM " + t.executions() + " e WHERE e.schedule_id = :s"
                        + " AND e.status IN ('QUEUED', 'RUNNING')" + withoutGenerationTask)
                .bind("s", scheduleId)
                .bind("generate", Engine.GENERATE)
                .map((rs, ctx) -> new LeftExecution(rs.getString("id"), Trigger.valueOf(rs.getString("run_trigger"))))
                .list();
    }

    /** Deliveries of a schedule's executions that a dead task was sending inline. */
    List<String> deliveriesOfSchedule(Handle h, String scheduleId) {
        return h.createQuery("SELECT d.id FROM " + t.deliveries() + " d JOIN " + t.executions()
                        + " e ON e.id = d.execution_id WHERE e.schedule_id = :s AND e.status = 'DELIVERING'"
                        + " AND d.status IN ('PENDING', 'SENDING')" + withoutDeliveryTask + withoutGenerationTask
                        + " ORDER BY d.created_at, d.id")
                .bind("s", scheduleId)
                .bind("deliver", Engine.DELIVER)
                .bind("generate", Engine.GENERATE)
                .mapTo(String.class)
                .list();
    }

    /** Deliveries of one execution that are not finished and have no task of their own. */
    List<String> deliveriesOfExecution(Handle h, String executionId) {
        return h.createQuery("SELECT d.id FROM " + t.deliveries() + " d WHERE d.execution_id = :e"
                        + " AND d.status IN ('PENDING', 'SENDING')" + withoutDeliveryTask
                        + " ORDER BY d.created_at, d.id")
                .bind("e", executionId)
                .bind("deliver", Engine.DELIVER)
                .mapTo(String.class)
                .list();
    }

    /** An execution left behind without a holder, with its due time. */
    record OrphanExecution(String id, Trigger trigger, Instant scheduledFor) {}

    /**
     * Work whose holder finished without dying and without queueing it: the holder's attempt to queue the work as a
     * task of its own failed (the database was restarting), and the holder itself completed afterwards. Nothing would
     * ever run such work again, so the maintenance sweep looks for it across the cluster: an execution still QUEUED,
     * RUNNING or RETRYING without a generation task, recorded before {@code before}, whose schedule's firing task is
     * not picked (a picked firing task may be running it inline right now). One statement, so the three conditions
     * are read from one snapshot.
     */
    List<OrphanExecution> orphanedExecutions(Handle h, Instant before, int limit) {
        return h.createQuery("SELECT e.id, e.run_trigger, e.scheduled_for FROM " + t.executions() + " e"
                        + " WHERE e.status IN ('QUEUED', 'RUNNING', 'RETRYING') AND e.created_at < :before"
                        + withoutGenerationTask + withoutPickedFiring + " ORDER BY e.created_at, e.id")
                .bind("before", before)
                .bind("generate", Engine.GENERATE)
                .bind("fire", Engine.FIRE)
                .bind("picked", true)
                .setMaxRows(limit)
                .map((rs, ctx) -> new OrphanExecution(
                        rs.getString("id"),
                        Trigger.valueOf(rs.getString("run_trigger")),
                        rs.getTimestamp("scheduled_for").toInstant()))
                .list();
    }

    /**
     * Deliveries left behind without a holder (see {@link #orphanedExecutions}): PENDING or SENDING, created before
     * {@code before}, without a delivery task, whose execution has no generation task (which would hold its first
     * delivery) and whose schedule's firing task is not picked.
     */
    List<String> orphanedDeliveries(Handle h, Instant before, int limit) {
        return h.createQuery("SELECT d.id FROM " + t.deliveries() + " d JOIN " + t.executions()
                        + " e ON e.id = d.execution_id WHERE d.status IN ('PENDING', 'SENDING')"
                        + " AND d.created_at < :before" + withoutDeliveryTask + withoutGenerationTask
                        + withoutPickedFiring
                        + " ORDER BY d.created_at, d.id")
                .bind("before", before)
                .bind("deliver", Engine.DELIVER)
                .bind("generate", Engine.GENERATE)
                .bind("fire", Engine.FIRE)
                .bind("picked", true)
                .setMaxRows(limit)
                .mapTo(String.class)
                .list();
    }
}
