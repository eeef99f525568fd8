package io.scheduledreports.core.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import io.scheduledreports.core.MisfirePolicy;
import io.scheduledreports.core.OverlapPolicy;
import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.internal.ReportsJdbi;
import io.scheduledreports.jdbc.internal.TransactionBoundDataSource;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine on db-scheduler. Four tasks live in our own task table:
 *
 * <ul>
 *   <li>{@value #FIRE} (one instance per active schedule, id = schedule id): a wake-up timer. The schedule row's
 *       {@code next_run_at} is the truth; firing locks the row, inserts the due executions (unique per schedule,
 *       time and trigger) and advances {@code next_run_at}, all in one transaction. A stale or duplicate wake-up
 *       finds nothing due and only re-arms the timer. When the firing recorded one run and the timer is free again
 *       before the schedule's next run (generation timeout plus {@link #INLINE_MARGIN}), the same worker generates
 *       it and sends its first delivery: one task life per report. Otherwise (catch-up runs, schedules that run
 *       more often than their timeout) each run gets a {@value #GENERATE} task.
 *   <li>{@value #GENERATE} (id = execution id): manual runs, retries, deferred and recovered generations. It streams
 *       the report into the artifact store, then, in one transaction, records the result and the deliveries; it
 *       sends the first delivery itself and queues one {@value #DELIVER} task for each further recipient.
 *   <li>{@value #DELIVER} (id = delivery id): at-least-once delivery with a stable idempotency key; also retries
 *       and rate-limit waits of a delivery that was sent inline.
 *   <li>{@value #MAINTAIN} (recurring, one per cluster): repairs missing timers and runs retention.
 * </ul>
 *
 * <p>Work run inline has no task row of its own: the task that runs it stays picked (db-scheduler renews its
 * heartbeat) until the work is finished or has been queued as a task (a deferral or retry, written with the
 * failure's record), so that task is the work's lease. When its instance dies, db-scheduler declares the task dead
 * and {@link #reviveFiring} (or the revived generation task) queues what it left, at the task's due time.
 *
 * <p>Task rows are written through a {@link TransactionBoundDataSource}, so they commit or roll back with ours.
 */
public final class Engine implements AutoCloseable {

    /** Task name of schedule timers. */
    public static final String FIRE = "report-fire";
    /** Task name of generations. */
    public static final String GENERATE = "report-generate";
    /** Task name of deliveries. */
    public static final String DELIVER = "report-deliver";
    /** Task name of the maintenance sweep. */
    public static final String MAINTAIN = "report-maintenance";
    /** Task name of the daily retention job. */
    public static final String RETENTION = "report-retention";
    /** Task name of failure notifications. */
    public static final String NOTIFY = "report-notify";
    /** Task name of messages to owners (bounce notices, weekly summaries). */
    public static final String OWNER_MAIL = "report-owner-mail";
    /** Task name of the weekly owner summary job. */
    public static final String WEEKLY_SUMMARY = "report-weekly-summary";

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** How soon a schedule whose holiday calendar is missing is looked at again. */
    static final java.time.Duration MISSING_CALENDAR_RETRY = java.time.Duration.ofMinutes(15);

    /**
     * Deliveries go before scheduled generations (as manual runs do): a report that is generated is finished first,
     * so when thousands fall due together they reach their recipients as they are generated instead of after the
     * last generation, and finished artifacts do not pile up on disk. Timers go first of all (they only record).
     */
    static final int DELIVERY_PRIORITY = Priority.HIGH;

    final EngineConfig config;
    final SqlSupport sql;
    final ScheduleTable scheduleTable;
    final RecipientTable recipientTable;
    final ExecutionTable executionTable;
    final DeliveryTable deliveryTable;
    final DeadLetterTable deadLetterTable;
    final AuditTable auditTable;
    final Tx tx;
    final Calendars calendars;
    final Listings listings;
    final Events events;
    final ChannelRates rates;
    final RecipientStore recipients;
    final Bounces bounces;
    final OwnerMail ownerMail;
    final OwnerSummaries summaries;

    /** The weekly owner summaries. */
    public OwnerSummaries summaries() {
        return summaries;
    }

    // issue 24 (operations): failed-attempt history, dead-letter alerts, delivery backlog
    final FailureHistory failures;
    final DeadLetterAlarms alarms;
    final DeliveryBacklog backlog;
    final InlineRecovery inline;
    final TaskTable taskTable;
    private final CustomTask<Void> fireTask;
    private final CustomTask<Void> generateTask;
    private final CustomTask<Void> deliverTask;
    private final RecurringTask<Void> maintenanceTask;
    private final RecurringTask<Void> retentionTask;
    private final CustomTask<Notifier.Data> notifyTask;
    private final CustomTask<OwnerMail.Data> ownerMailTask;
    private final RecurringTask<Void> weeklySummaryTask;
    private final Notifier notifier;
    private final Retention retention;
    private final SchedulerClient client;
    private final ScheduledExecutorService watchdog;
    private final Generation generation;
    private final Dispatch dispatch;
    private final BatchFiring batchFiring;
    private final DiskMonitor disk;
    private final MeterCounts meterCounts;
    private volatile Scheduler scheduler;
    private final List<RecurringTask<?>> extraStartTasks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Builds the engine (nothing runs until {@link #start()}).
     *
     * @param config the configuration
     */
    public Engine(EngineConfig config) {
        this.config = config;
        Dialect dialect = config.dialect();
        Jdbi jdbi = ReportsJdbi.create(config.dataSource(), dialect);
        TransactionBoundDataSource bridge = new TransactionBoundDataSource(config.dataSource());
        this.sql = new SqlSupport(config.tables(), dialect);
        this.scheduleTable = new ScheduleTable(sql, dialect);
        this.recipientTable = new RecipientTable(sql);
        this.executionTable = new ExecutionTable(sql);
        this.deliveryTable = new DeliveryTable(sql);
        this.deadLetterTable = new DeadLetterTable(sql);
        this.auditTable = new AuditTable(sql);
        this.listings = new Listings(sql, scheduleTable, executionTable, config);
        this.tx = new Tx(jdbi, bridge);
        this.calendars = new Calendars(this);
        this.events = new Events(config.listeners());
        this.rates = new ChannelRates(config.tables(), tx);
        this.recipients = new RecipientStore(config.tables(), sql);
        this.bounces = new Bounces(this);
        this.ownerMail = new OwnerMail(this);
        this.summaries = new OwnerSummaries(this);
        OpsStore opsStore = new OpsStore(config.tables(), sql, deadLetterTable);
        this.failures = new FailureHistory(this, opsStore);
        this.alarms = new DeadLetterAlarms(this, opsStore);
        this.backlog = new DeliveryBacklog(this, opsStore);
        this.inline = new InlineRecovery(config.tables());
        this.taskTable = new TaskTable(sql, scheduleTable);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reports-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.generation = new Generation(this, watchdog);
        this.dispatch = new Dispatch(this);
        this.batchFiring = new BatchFiring(this);
        this.notifier = new Notifier(this);
        this.retention = new Retention(config, tx, executionTable);
        this.disk = new DiskMonitor(this);
        this.meterCounts = new MeterCounts(this);

        FailureHandler<Void> retryLater = new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30));
        this.fireTask = Tasks.custom(FIRE, Void.class)
                .defaultPriority(Priority.HIGH)
                .onFailure(retryLater)
                .onDeadExecution(this::reviveFiring)
                .execute((instance, ctx) -> completion(fireAndRun(instance.getId(), ctx.getExecution().executionTime)));
        this.generateTask = Tasks.custom(GENERATE, Void.class)
                .defaultPriority(Priority.MEDIUM)
                .onFailure(retryLater)
                .onDeadExecution(this::reviveInPlace)
                .execute((instance, ctx) -> completion(generation.run(instance.getId())));
        this.deliverTask = Tasks.custom(DELIVER, Void.class)
                .defaultPriority(DELIVERY_PRIORITY)
                .onFailure(retryLater)
                .onDeadExecution(this::reviveInPlace)
                .execute((instance, ctx) -> completion(dispatch.run(instance.getId())));
        this.maintenanceTask =
                Tasks.recurring(MAINTAIN, FixedDelay.ofMinutes(1)).execute((instance, ctx) -> maintain());
        this.retentionTask = Tasks.recurring(RETENTION, Schedules.daily(java.time.LocalTime.of(3, 0)))
                .execute((instance, ctx) -> retention.run());
        this.notifyTask = Tasks.custom(NOTIFY, Notifier.Data.class)
                .defaultPriority(Priority.MEDIUM)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> notifyCompletion(notifier.run(instance.getId(), instance.getData())));
        this.ownerMailTask = Tasks.custom(OWNER_MAIL, OwnerMail.Data.class)
                .defaultPriority(Priority.MEDIUM)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> ownerMailCompletion(ownerMail.run(instance.getId(), instance.getData())));
        io.scheduledreports.core.recipients.WeeklySummary weekly =
                config.privacy().weeklySummary();
        this.weeklySummaryTask = weekly == null
                ? null
                : Tasks.recurring(WEEKLY_SUMMARY, Schedules.cron(weekly.cronPattern(), weekly.zone()))
                        .execute((instance, ctx) -> summaries.run(ctx.getExecution().executionTime));
        this.client = SchedulerClient.Builder.create(bridge, tasks())
                .tableName(config.tables().tasks())
                .enablePriority()
                .jdbcCustomization(new AutodetectJdbcCustomization(bridge, true))
                .build();
    }

    private List<Task<?>> tasks() {
        return List.of(fireTask, generateTask, deliverTask, notifyTask, ownerMailTask); // recurring: start tasks
    }

    /**
     * Puts the work of a dead instance back in the queue at the time it was due (db-scheduler's default revives it
     * at "now", behind everything that fell due meanwhile), keeping its priority, and looks for due work at once
     * instead of at the next poll.
     */
    private <T> void reviveInPlace(
            com.github.kagkarlsson.scheduler.task.ExecutionComplete dead,
            com.github.kagkarlsson.scheduler.task.ExecutionOperations<T> ops) {
        com.github.kagkarlsson.scheduler.task.Execution e = dead.getExecution();
        LOG.warn(
                "Instance {} died while running {} {} (last heartbeat {}); queueing it again at its due time {}",
                e.pickedBy,
                e.getTaskName(),
                e.getId(),
                e.lastHeartbeat,
                e.executionTime);
        ops.reschedule(dead, e.executionTime);
        wakeUp();
    }

    /**
     * A firing task whose instance died may have been running the generation it recorded, or that generation's
     * first delivery (both run inline, without task rows of their own): queues them as tasks of their own at the
     * firing's due time, then revives the firing in place.
     */
    private void reviveFiring(
            com.github.kagkarlsson.scheduler.task.ExecutionComplete dead,
            com.github.kagkarlsson.scheduler.task.ExecutionOperations<Void> ops) {
        String scheduleId = dead.getExecution().taskInstance.getId();
        Instant due = dead.getExecution().executionTime;
        tx.useTx(h -> {
            for (InlineRecovery.LeftExecution left : inline.executionsOf(h, scheduleId)) {
                LOG.warn("Queueing generation {} again: the instance that ran it inline died", left.id());
                queueGeneration(left.id(), left.trigger(), due);
            }
            for (String deliveryId : inline.deliveriesOfSchedule(h, scheduleId)) {
                LOG.warn("Queueing delivery {} again: the instance that sent it inline died", deliveryId);
                queueDelivery(deliveryId, due, Trigger.SCHEDULED);
            }
        });
        reviveInPlace(dead, ops);
    }

    /** Starts polling. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        sweepIncompleteArtifacts();
        SchedulerBuilder builder;
        if (config.manualClock() != null) {
            builder = TestHelper.createManualScheduler(config.dataSource(), tasks())
                    .clock(config.manualClock());
        } else {
            builder = Scheduler.create(config.dataSource(), tasks())
                    .clock(config.clock()::instant)
                    .threads(config.workerThreads())
                    .pollingInterval(config.pollingInterval())
                    .heartbeatInterval(config.heartbeatInterval())
                    .missedHeartbeatsLimit(config.missedHeartbeatsLimit())
                    .shutdownMaxWait(Duration.ofSeconds(30))
                    .commitWhenAutocommitDisabled(true);
            if (config.dialect() == Dialect.POSTGRESQL) {
                builder.pollUsingLockAndFetch(0.5, 1.0);
            }
            if (config.instanceName() != null) {
                builder.schedulerName(new SchedulerName.Fixed(config.instanceName()));
            }
        }
        builder.tableName(config.tables().tasks()).enablePriority().alwaysPersistTimestampInUTC();
        List<RecurringTask<?>> startTasks = new ArrayList<>(List.of(maintenanceTask, retentionTask));
        if (weeklySummaryTask != null) {
            startTasks.add(weeklySummaryTask);
        }
        startTasks.addAll(extraStartTasks);
        builder.startTasks(startTasks);
        Scheduler s = builder.build();
        s.start();
        scheduler = s;
        String prefix = config.tables().prefix();
        LOG.info(
                "Scheduled Reports engine started ({}, {}, report types {}, formats {}, channels {})",
                config.dialect(),
                prefix.isEmpty() ? "tables without prefix" : "table prefix '" + prefix + "'",
                new java.util.TreeSet<>(config.reportTypes().keySet()),
                new java.util.TreeSet<>(config.formatters().keySet()),
                config.channels().isEmpty()
                        ? "none (recipients are refused until a channel is registered)"
                        : new java.util.TreeSet<>(config.channels().keySet()));
    }

    /** Adds a recurring task (one instance per cluster) that starts with the engine, e.g. the daily backup. */
    public void addStartTask(RecurringTask<?> task) {
        extraStartTasks.add(task);
    }

    /** Whether the engine is polling. */
    public boolean isStarted() {
        return scheduler != null;
    }

    /** The manual scheduler of the test kit, or null. */
    public ManualScheduler manualScheduler() {
        return scheduler instanceof ManualScheduler m ? m : null;
    }

    /** Stops polling; running work finishes (up to 30 s). */
    @Override
    public synchronized void close() {
        Scheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            s.stop();
        }
        watchdog.shutdownNow();
    }

    Dispatch dispatch() {
        return dispatch;
    }

    /** Asks the scheduler to look for due work now instead of at the next poll. */
    void wakeUp() {
        Scheduler s = scheduler;
        if (s != null && !(s instanceof ManualScheduler)) {
            s.triggerCheckForDueExecutions();
        }
    }

    // ---------------------------------------------------------------- task rows, inside the caller's transaction

    /** Arms (or re-arms) a schedule's timer. */
    /** The holiday calendars schedules see: a tenant's stored ones, then the host's. */
    public Calendars calendars() {
        return calendars;
    }

    public void armTimer(String scheduleId, Instant at) {
        client.schedule(
                new TaskInstance<Void>(FIRE, scheduleId, () -> null, Priority.HIGH),
                at,
                SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
    }

    /** Removes a schedule's timer unless it is firing right now (then the firing sees the new state). */
    public void disarmTimer(Handle h, String scheduleId) {
        taskTable.deleteIdleTask(h, FIRE, scheduleId);
    }

    /**
     * The priority of a generation. Manual runs are not above scheduled ones: a priority is global in the task
     * table, so a user looping "run now" would otherwise go ahead of every other tenant's work. Only replays of
     * dead letters (admins) go first.
     */
    static int generationPriority(Trigger trigger) {
        return trigger == Trigger.REPLAY ? Priority.HIGH : Priority.MEDIUM;
    }

    /** Queues a generation. */
    public void queueGeneration(String executionId, Trigger trigger, Instant at) {
        int priority = generationPriority(trigger);
        client.scheduleIfNotExists(new TaskInstance<Void>(GENERATE, executionId, () -> null, priority), at);
    }

    /** Queues the generation of an execution created in this transaction. */
    void queueNewGeneration(Handle h, String executionId, Trigger trigger, Instant at) {
        int priority = generationPriority(trigger);
        taskTable.insertNewTask(h, GENERATE, executionId, at, priority);
    }

    /** Queues a delivery created in this transaction; those of manual runs go before scheduled ones (issue 24). */
    void queueNewDelivery(Handle h, String deliveryId, Instant at, Trigger trigger) {
        taskTable.insertNewTask(h, DELIVER, deliveryId, at, DeliveryBacklog.priority(trigger));
    }

    /**
     * Queues a delivery of a run with this trigger: those of manual runs go before scheduled ones (issue 24). Work
     * queued again without its run at hand (recovery, replays, broken-off sends) passes {@link Trigger#SCHEDULED}:
     * the ordinary delivery priority, {@link #DELIVERY_PRIORITY}.
     */
    void queueDelivery(String deliveryId, Instant at, Trigger trigger) {
        client.scheduleIfNotExists(
                new TaskInstance<Void>(DELIVER, deliveryId, () -> null, DeliveryBacklog.priority(trigger)), at);
    }

    /** Removes a queued generation or delivery that has not started. */
    public void dequeue(Handle h, String taskName, String id) {
        taskTable.deleteIdleTask(h, taskName, id);
    }

    // ---------------------------------------------------------------- firing

    /** What a handler wants done with its task when it returns. */
    record Next(Instant at, Object data) {
        static final Next DONE = new Next(null, null);

        static Next at(Instant when) {
            return new Next(when, null);
        }

        static Next at(Instant when, Object newData) {
            return new Next(when, newData);
        }
    }

    private static CompletionHandler<Void> completion(Next next) {
        return (complete, ops) -> {
            if (next.at() == null) {
                ops.remove();
            } else {
                ops.reschedule(complete, next.at());
            }
        };
    }

    /**
     * Fires a schedule and, when it recorded exactly one run that may run inline, generates and delivers it in this
     * worker: one task life per report. The firing task stays picked (and heartbeats) while the report runs, so it
     * is the lease of that work; {@link #reviveFiring} recovers what a dead instance left. A timer picked well after
     * it was due ({@code dueAt}) shows that timers are queueing up: after recording its own run the worker fires
     * batches of other due schedules ({@link BatchFiring}) before it runs that report.
     */
    Next fireAndRun(String scheduleId, Instant dueAt) {
        boolean behind = batchFiring.behind(dueAt, config.clock().instant());
        Fired fired = fire(scheduleId);
        if (behind) {
            batchFiring.fireWhileBehind();
        }
        if (fired.inline() != null) {
            generation.runInline(fired.inline(), fired.schedule());
        }
        return fired.next();
    }

    /**
     * What a firing did: when the timer is due again, and the execution to run inline (or null) with the schedule
     * as the firing read it.
     */
    record Fired(Next next, ExecutionRow inline, ScheduleRow schedule) {
        Fired(Next next) {
            this(next, null, null);
        }
    }

    /** The row of an execution that a firing has just inserted, as a read would return it. */
    private static ExecutionRow recorded(String id, ScheduleRow s, Instant slot, String resolved, Instant now) {
        return new ExecutionRow(
                id,
                s.tenantId(),
                s.id(),
                slot,
                Trigger.SCHEDULED,
                "QUEUED",
                s.reportParams(),
                s.outputFormat(),
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                now,
                resolved,
                null);
    }

    /**
     * Margin between a schedule's next run and the end of an inline run (generation timeout plus this): a report
     * runs inline only when its firing task is free again before the schedule's next run is due, so an inline run
     * never delays the next one (schedules that run more often than their timeout queue their generations).
     */
    static final Duration INLINE_MARGIN = Duration.ofMinutes(1);

    Fired fire(String scheduleId) {
        Instant now = config.clock().instant();
        List<String> skipped = new ArrayList<>();
        Fired result = tx.inTx(h -> {
            ScheduleRow s = scheduleTable.scheduleForUpdate(h, scheduleId).orElse(null);
            if (s == null || !"ACTIVE".equals(s.status()) || s.nextRunAt() == null) {
                return new Fired(Next.DONE);
            }
            if (s.nextRunAt().isAfter(now)) {
                return new Fired(Next.at(s.nextRunAt())); // early or stale wake-up
            }
            return fireLocked(h, s, now, true, skipped, immediateWrites);
        });
        publishSkipped(skipped, now);
        return result;
    }

    /**
     * The rows a firing writes, and the one thing it looks up per schedule that a batch can look up for all its
     * schedules at once: {@link #immediateWrites} sends each statement at once, {@link BatchFiring} in batches.
     */
    interface FiringWrites {
        /**
         * The id of the schedule's earliest execution (any trigger) that is queued, running or retrying and was
         * recorded before this firing, or null: a run of {@code s} due now is skipped under overlap policy SKIP.
         */
        String activeExecution(Handle h, String scheduleId);

        /** Records a QUEUED scheduled run of {@code s} for {@code slot}. */
        void insertExecution(Handle h, String id, ScheduleRow s, Instant slot, String resolvedParams, Instant now);

        /** Marks a run recorded by this firing as skipped (overlap policy SKIP). */
        void markSkipped(Handle h, String id, String reason, Instant now);

        /** Advances the schedule to its next run (null: none, then {@code status} is COMPLETED). */
        void recordFired(Handle h, String scheduleId, Instant next, Instant lastRun, ScheduleStatus status);

        /** Queues the generation of a scheduled run recorded by this firing. */
        void queueGeneration(Handle h, String executionId, Instant at);
    }

    private final FiringWrites immediateWrites = new FiringWrites() {
        @Override
        public String activeExecution(Handle h, String scheduleId) {
            return executionTable.activeExecution(h, scheduleId, null).orElse(null);
        }

        @Override
        public void insertExecution(
                Handle h, String id, ScheduleRow s, Instant slot, String resolvedParams, Instant now) {
            executionTable.insertExecution(
                    h,
                    id,
                    s.tenantId(),
                    s.id(),
                    slot,
                    Trigger.SCHEDULED,
                    s.reportParams(),
                    s.outputFormat(),
                    resolvedParams,
                    now);
        }

        @Override
        public void markSkipped(Handle h, String id, String reason, Instant now) {
            executionTable.markSkipped(h, id, reason, now);
        }

        @Override
        public void recordFired(Handle h, String scheduleId, Instant next, Instant lastRun, ScheduleStatus status) {
            scheduleTable.recordFired(h, scheduleId, next, lastRun, status);
        }

        @Override
        public void queueGeneration(Handle h, String executionId, Instant at) {
            queueNewGeneration(h, executionId, Trigger.SCHEDULED, at);
        }
    };

    /**
     * Fires a due schedule whose row this transaction has locked: records its due runs (unique per schedule, time
     * and trigger), skips them under overlap policy SKIP while an earlier run is queued or running, and advances
     * {@code next_run_at}. With {@code mayRunInline}, a single run whose timer is free again before the schedule's
     * next run is returned to run in this worker; every other run gets a {@value #GENERATE} task in this
     * transaction. Ids of skipped runs are added to {@code skipped} (published after the commit). The rows are
     * written through {@code writes}: at once, or collected and sent in batches by {@link BatchFiring}.
     */
    Fired fireLocked(
            Handle h, ScheduleRow s, Instant now, boolean mayRunInline, List<String> skipped, FiringWrites writes) {
        ScheduleSpec spec;
        try {
            spec = ScheduleSpec.fromJson(s.scheduleConfig(), calendars.forTenant(h, s.tenantId()));
        } catch (io.scheduledreports.core.schedule.InvalidScheduleException e) {
            // Its holiday calendar is no longer registered: keep the schedule and its slot, look again later.
            LOG.warn(
                    "Schedule {} of tenant {} cannot fire: {}; retrying in {}",
                    s.id(),
                    s.tenantId(),
                    e.getMessage(),
                    Durations.format(MISSING_CALENDAR_RETRY));
            return new Fired(Next.at(now.plus(MISSING_CALENDAR_RETRY)));
        }
        List<Instant> slots = slotsToRun(spec, s.nextRunAt(), now, MisfirePolicy.valueOf(s.misfirePolicy()));
        // runs of this firing belong together (RUN_ALL catch-up); only work queued before it is an overlap
        String inProgress = !slots.isEmpty() && OverlapPolicy.SKIP.name().equals(s.overlapPolicy())
                ? writes.activeExecution(h, s.id())
                : null;
        List<ExecutionRow> queued = new ArrayList<>();
        for (Instant slot : slots) {
            // only firing creates scheduled executions, and it records the last slot it fired under this lock:
            // a later slot cannot have one yet, so the lookup is needed only for a slot at or before it
            boolean mayExist = s.lastRunAt() != null && !slot.isAfter(s.lastRunAt());
            if (!mayExist || !executionTable.executionExists(h, s.id(), slot, Trigger.SCHEDULED)) {
                String executionId = SqlSupport.newId();
                String resolved = listings.resolvedParams(s, slot);
                writes.insertExecution(h, executionId, s, slot, resolved, now);
                if (inProgress == null) {
                    queued.add(recorded(executionId, s, slot, resolved, now));
                } else {
                    writes.markSkipped(
                            h,
                            executionId,
                            "skipped: the previous run (execution " + inProgress
                                    + ") was still queued or running; overlap policy SKIP",
                            now);
                    skipped.add(executionId);
                }
            }
        }
        if (slots.isEmpty()) {
            LOG.info(
                    "Schedule {} of tenant {} missed its run at {} (now {}); policy {} skips it",
                    s.id(),
                    s.tenantId(),
                    s.nextRunAt(),
                    now,
                    s.misfirePolicy());
        }
        Instant next = spec.nextRun(now).orElse(null);
        Instant lastRun = slots.isEmpty() ? s.lastRunAt() : slots.get(slots.size() - 1);
        writes.recordFired(h, s.id(), next, lastRun, next == null ? ScheduleStatus.COMPLETED : ScheduleStatus.ACTIVE);
        // one run, and the timer is free again before the next one is due: run it in this worker
        boolean runInline = mayRunInline
                && queued.size() == 1
                && (next == null
                        || next.isAfter(now.plus(ExecutionTimeouts.ofSchedule(config, s))
                                .plus(INLINE_MARGIN)));
        if (!runInline) {
            for (ExecutionRow e : queued) {
                writes.queueGeneration(h, e.id(), now);
            }
        }
        return new Fired(next == null ? Next.DONE : Next.at(next), runInline ? queued.get(0) : null, s);
    }

    /** Tells the log and the listeners about runs that a firing skipped (after its commit). */
    void publishSkipped(List<String> skipped, Instant now) {
        for (String executionId : skipped) {
            ExecutionRow e = executionRow(executionId);
            ScheduleRow s = e == null
                    ? null
                    : tx.read(h -> scheduleTable.schedule(h, e.scheduleId()).orElse(null));
            if (e != null && s != null) {
                LOG.info(
                        "Skipped run {} of schedule {} (tenant {}): {}",
                        e.id(),
                        s.id(),
                        s.tenantId(),
                        e.errorMessage());
                events.publish(l -> l.executionSkipped(new io.scheduledreports.spi.ExecutionEvent(
                        e.tenantId(),
                        s.id(),
                        e.id(),
                        s.reportType(),
                        s.ownerId(),
                        e.scheduledFor(),
                        e.trigger(),
                        0,
                        0,
                        null,
                        e.errorMessage(),
                        now)));
            }
        }
    }

    /**
     * The runs to start now, given the first due time: every due time up to now, reduced by the misfire policy.
     */
    List<Instant> slotsToRun(ScheduleSpec spec, Instant firstDue, Instant now, MisfirePolicy policy) {
        int keep = policy == MisfirePolicy.RUN_ALL ? config.maxCatchUpRuns() : 1;
        Deque<Instant> due = new ArrayDeque<>();
        Instant t = firstDue;
        for (int guard = 0; t != null && !t.isAfter(now) && guard < 1_000_000; guard++) {
            due.addLast(t);
            if (due.size() > keep) {
                due.removeFirst();
            }
            t = spec.nextRun(t).orElse(null);
        }
        if (due.isEmpty()) {
            return List.of();
        }
        if (policy == MisfirePolicy.SKIP) {
            Instant latest = due.getLast();
            boolean onTime = !latest.plus(config.misfireThreshold()).isBefore(now);
            return onTime ? List.of(latest) : List.of();
        }
        return new ArrayList<>(due);
    }

    // ---------------------------------------------------------------- maintenance

    /**
     * Removes partial files of generations that died with their instance: anything older than the longest
     * generation timeout plus {@link #SWEEP_MARGIN} can no longer belong to a running generation.
     */
    int sweepIncompleteArtifacts() {
        Instant olderThan =
                config.clock().instant().minus(config.maxGenerationTimeout()).minus(SWEEP_MARGIN);
        try {
            int removed = config.artifactStore().sweepIncomplete(olderThan);
            if (removed > 0) {
                LOG.info(
                        "Removed {} partial artifact file(s) left by generations that died before {}",
                        removed,
                        olderThan);
            }
            return removed;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("Could not sweep partial artifact files: {}", e.toString());
            return 0;
        }
    }

    /** Margin past the longest generation timeout before a partial file counts as abandoned. */
    static final Duration SWEEP_MARGIN = Duration.ofMinutes(5);

    /**
     * Queues inline work that lost its holder without the holder dying (see {@link InlineRecovery#orphanedExecutions}):
     * a generation broke off while the database restarted, its retry could not be queued, and the firing task that
     * ran it completed once the database was back. Only work older than the dead-instance window is considered.
     */
    private void requeueOrphanedInlineWork(Instant now) {
        Duration deadWindow = config.heartbeatInterval().multipliedBy(config.missedHeartbeatsLimit());
        Instant before = now.minus(deadWindow.compareTo(INLINE_MARGIN) > 0 ? deadWindow : INLINE_MARGIN);
        tx.read(h -> {
            for (InlineRecovery.OrphanExecution left : inline.orphanedExecutions(h, before, 500)) {
                LOG.warn("Queueing generation {} again: its inline run broke off and could not be queued", left.id());
                queueGeneration(
                        left.id(), left.trigger(), left.scheduledFor().isBefore(now) ? left.scheduledFor() : now);
            }
            for (String deliveryId : inline.orphanedDeliveries(h, before, 500)) {
                LOG.warn("Queueing delivery {} again: its inline send broke off and could not be queued", deliveryId);
                queueDelivery(deliveryId, now, Trigger.SCHEDULED);
            }
            return null;
        });
    }

    void maintain() {
        sweepIncompleteArtifacts();
        sampleDisk();
        Instant now = config.clock().instant();
        requeueOrphanedInlineWork(now);
        tx.useTx(h -> {
            for (ScheduleRow s : taskTable.activeSchedulesWithoutTrigger(h, FIRE, 500)) {
                LOG.warn(
                        "Schedule {} of tenant {} had no timer; re-arming it for {}",
                        s.id(),
                        s.tenantId(),
                        s.nextRunAt());
                armTimer(s.id(), s.nextRunAt().isBefore(now) ? now : s.nextRunAt());
            }
            if (!config.channelRateLimits().isEmpty()) {
                rates.purge(h, now.minus(Duration.ofDays(2)));
            }
            int dropped = deadLetterTable.enforceDeadLetterCap(h, config.deadLetterCap());
            if (dropped > 0) {
                LOG.info(
                        "Dropped {} closed dead letters over the cap of {} per tenant",
                        dropped,
                        config.deadLetterCap());
            }
            failures.purge(h, now); // issue 24
        });
        // issue 24: dead-letter threshold re-arm and cap alert, delivery backlog alert
        alarms.maintain(now);
        backlog.maintain(now);
    }

    /** Today's disk sample, once per day across instances; a failure is logged and tried again next minute. */
    private void sampleDisk() {
        try {
            disk.sampleIfDue();
        } catch (RuntimeException e) {
            LOG.warn("Could not record the daily disk sample: {}", e.toString());
        }
    }

    /** Disk usage, trend and estimate. */
    public DiskMonitor disk() {
        return disk;
    }

    /** Counts behind the cluster-wide gauges. */
    public MeterCounts meterCounts() {
        return meterCounts;
    }

    /** A signed download link for an execution's artifact, when links are configured. */
    java.util.Optional<java.net.URI> downloadLink(ExecutionRow e) {
        if (config.downloadLinks() == null || config.downloadBaseUrl() == null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<java.net.URI> presigned = presignedLink(e);
        if (presigned.isPresent()) {
            return presigned;
        }
        return java.util.Optional.of(config.downloadLinks()
                .link(
                        config.downloadBaseUrl(),
                        e.id(),
                        e.tenantId(),
                        config.clock().instant(),
                        e.availableUntil()));
    }

    /**
     * The store's own URL for the file (S3 presigned GET) when it offers one, valid until {@link
     * #downloadLinkExpiry}; a store that fails here is logged and the engine's link is used instead.
     */
    private java.util.Optional<java.net.URI> presignedLink(ExecutionRow e) {
        if (e.artifactKey() == null) {
            return java.util.Optional.empty();
        }
        Instant now = config.clock().instant();
        Duration validity = Duration.between(now, downloadLinkExpiry(e));
        if (validity.isNegative() || validity.isZero()) {
            return java.util.Optional.empty();
        }
        try {
            java.util.Optional<java.net.URI> url =
                    config.artifactStore().presignedUrl(e.artifactKey(), e.artifactName(), validity);
            return url == null ? java.util.Optional.empty() : url;
        } catch (RuntimeException ex) {
            LOG.warn("Artifact store could not presign execution {}; using the signed download link", e.id(), ex);
            return java.util.Optional.empty();
        }
    }

    /** The signed unsubscribe link of a recipient, when unsubscribe links are configured. */
    java.util.Optional<java.net.URI> unsubscribeLink(String tenantId, String recipientId) {
        PrivacyConfig privacy = config.privacy();
        if (privacy.unsubscribeLinks() == null || recipientId == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(privacy.unsubscribeLinks()
                .link(
                        privacy.unsubscribeBaseUrl(),
                        tenantId,
                        recipientId,
                        config.clock().instant()));
    }

    /** When {@link #downloadLink} links expire now: the earlier of their validity and the file's retention. */
    java.time.Instant downloadLinkExpiry(ExecutionRow e) {
        return config.downloadLinks() == null
                ? null
                : config.downloadLinks().expiresAt(config.clock().instant(), e.availableUntil());
    }

    /** Queues failure notifications for an execution that failed for good (inside that transaction). */
    void queueFailureNotifications(Handle h, String executionId, ScheduleRow s, Instant now) {
        notifier.queue(h, executionId, s, now);
    }

    void queueNotification(String id, Notifier.Data data, Instant at) {
        client.scheduleIfNotExists(new TaskInstance<>(NOTIFY, id, () -> data, Priority.MEDIUM), at);
    }

    void queueOwnerMail(String id, OwnerMail.Data data, Instant at) {
        client.scheduleIfNotExists(new TaskInstance<>(OWNER_MAIL, id, () -> data, Priority.MEDIUM), at);
    }

    private static CompletionHandler<OwnerMail.Data> ownerMailCompletion(Next next) {
        return (complete, ops) -> {
            if (next.at() == null) {
                ops.remove();
            } else {
                ops.reschedule(complete, next.at(), (OwnerMail.Data) next.data());
            }
        };
    }

    private static CompletionHandler<Notifier.Data> notifyCompletion(Next next) {
        return (complete, ops) -> {
            if (next.at() == null) {
                ops.remove();
            } else {
                ops.reschedule(complete, next.at(), (Notifier.Data) next.data());
            }
        };
    }

    /** Runs the retention job now (it also runs daily at 03:00 UTC). */
    public io.scheduledreports.core.ScheduledReports.RetentionResult runRetention() {
        return retention.run();
    }

    /** Tells listeners when a tenant's unresolved dead letters reach the alert threshold. */
    void afterDeadLetter(String tenantId) {
        alarms.afterDeadLetter(tenantId); // issue 24: once per crossing, when the count reaches the threshold
    }

    /**
     * Instances seen alive: this one plus every instance whose heartbeat on a running task is recent (within the
     * missed-heartbeats window). An idle instance runs no task and is not seen, so this is a lower bound.
     */
    public java.util.Set<String> liveInstances() {
        Instant since =
                config.clock().instant().minus(config.heartbeatInterval().multipliedBy(config.missedHeartbeatsLimit()));
        java.util.List<String> seen = tx.read(h -> taskTable.instancesWithHeartbeatSince(h, since));
        java.util.Set<String> names = new java.util.TreeSet<>(seen);
        names.add(ownName());
        return names;
    }

    String ownName() {
        if (config.instanceName() != null) {
            return config.instanceName();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName(); // db-scheduler's default scheduler name
        } catch (java.io.IOException e) {
            return "this instance";
        }
    }

    // ---------------------------------------------------------------- test kit support

    /** Number of tasks due now and not running (test kit). */
    public long dueTaskCount() {
        Instant now = config.clock().instant();
        return tx.read(h -> taskTable.countDueTasks(h, now));
    }

    /** When the next task other than maintenance is due, or null (test kit). */
    public Instant nextTaskTime() {
        return tx.read(h -> taskTable.nextTaskTime(h, MAINTAIN));
    }

    /** Loads an execution row (used by generation and dispatch). */
    ExecutionRow executionRow(String id) {
        return tx.read(h -> executionTable.execution(h, id).orElse(null));
    }
}
