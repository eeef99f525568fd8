package io.scheduledreports.core.internal;

import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.EmptyReportPolicy;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.internal.Engine.Next;
import io.scheduledreports.core.internal.Rows.DeliveryRow;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.params.RelativeDates;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.CancellationSignal;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ParameterSpec;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportAuthorizer;
import io.scheduledreports.spi.ReportRequest;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.TenantLimiter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one generation attempt: limits and disk guard, the report into the store, then the deliveries. */
final class Generation {
    private static final Logger LOG = LoggerFactory.getLogger(Generation.class);
    private static final Set<String> RUNNABLE = Set.of("QUEUED", "RETRYING", "RUNNING");
    private static final String DELIVERING = ExecutionStatus.DELIVERING.name();

    private final Engine engine;
    private final EngineConfig config;
    private final ScheduleTable scheduleTable;
    private final RecipientTable recipientTable;
    private final ExecutionTable executionTable;
    private final DeliveryTable deliveryTable;
    private final DeadLetterTable deadLetterTable;
    private final AuditTable auditTable;
    private final Tx tx;
    private final ScheduledExecutorService watchdog;
    /** Until when this instance last stepped a tenant's backlog back; one bulk update per tenant per defer delay. */
    private final java.util.Map<String, Instant> backlogDeferredUntil = new java.util.concurrent.ConcurrentHashMap<>();

    Generation(Engine engine, ScheduledExecutorService watchdog) {
        this.engine = engine;
        this.config = engine.config;
        this.scheduleTable = engine.scheduleTable;
        this.recipientTable = engine.recipientTable;
        this.executionTable = engine.executionTable;
        this.deliveryTable = engine.deliveryTable;
        this.deadLetterTable = engine.deadLetterTable;
        this.auditTable = engine.auditTable;
        this.tx = engine.tx;
        this.watchdog = watchdog;
    }

    /** What a generation reads before it starts, in one connection (the schedule is null once purged). */
    private record Work(ExecutionRow e, ScheduleRow s) {}

    /** The result of a finished artifact. */
    private record Artifact(
            String key, String fileName, String mediaType, long size, String sha256, long rows, String sampleJson) {}

    /** Runs a generation task (a manual run, a retry, a deferred or recovered generation). */
    Next run(String executionId) {
        return run(executionId, false);
    }

    /**
     * Runs, in the calling worker, a generation that has no task row of its own (its firing task holds it). What
     * cannot finish now becomes a task of its own: a deferral at its deferred time, a retry at its retry time, and,
     * when the attempt itself broke (the database went away), the whole generation after {@link #BROKEN_RETRY}.
     */
    void runInline(ExecutionRow e, ScheduleRow s) {
        try {
            run(new Work(e, s), true);
        } catch (RuntimeException broken) {
            Instant at = config.clock().instant().plus(BROKEN_RETRY);
            LOG.warn("Generation {} broke off ({}); queueing it for {}", e.id(), broken.toString(), at);
            engine.queueGeneration(e.id(), e.trigger(), at);
        }
    }

    /** When a generation or delivery run inline breaks off with an exception, it is queued again this much later. */
    static final Duration BROKEN_RETRY = Duration.ofSeconds(30);

    private Next run(String executionId, boolean inline) {
        Work work = tx.read(h -> {
            ExecutionRow found = executionTable.execution(h, executionId).orElse(null);
            if (found == null || !(RUNNABLE.contains(found.status()) || DELIVERING.equals(found.status()))) {
                return null;
            }
            return new Work(found, scheduleTable.schedule(h, found.scheduleId()).orElse(null));
        });
        if (work == null) {
            return Next.DONE;
        }
        return run(work, inline);
    }

    private Next run(Work work, boolean inline) {
        ExecutionRow e = work.e();
        ScheduleRow s = work.s();
        if (DELIVERING.equals(e.status())) {
            // a generation task revived after its instance died while it sent the first delivery inline
            resumeDeliveries(e);
            return Next.DONE;
        }
        try (Mdc ignored = Mdc.of(e.tenantId(), e.scheduleId(), e.id())) {
            if (s == null || "DELETED".equals(s.status())) {
                tx.useTx(h -> executionTable.setExecutionStatus(
                        h, e.id(), ExecutionStatus.CANCELLED, config.clock().instant()));
                return Next.DONE;
            }
            StartDecision start = mayStartNow(e, s);
            if (start.permit() == null) {
                return deferred(e, inline, start.deferral());
            }
            Release release = new Release(start.permit(), e.tenantId());
            try {
                return attempt(e, s, inline, release);
            } finally {
                release.run();
            }
        }
    }

    /**
     * Gives a generation's tenant permit back once, as soon as the generation is recorded (a successful one returns
     * it before its first delivery is sent inline: the limit is on concurrent generations, and a permit held through
     * a send kept the tenant's next generation waiting for it), and hands it to the tenant's next queued generation.
     */
    private final class Release implements Runnable {
        private final TenantLimiter.Permit permit;
        private final String tenantId;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(TenantLimiter.Permit permit, String tenantId) {
            this.permit = permit;
            this.tenantId = tenantId;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                permit.close();
            } catch (RuntimeException ex) {
                // a permit is a lease: one that could not be returned expires with it
                LOG.warn("Could not return the tenant permit of tenant {}: {}", tenantId, ex.toString());
            }
            // hand the freed permit to the tenant's next queued generation at once
            if (config.tenantLimited() && promoteNext(tenantId)) {
                engine.wakeUp();
            }
        }
    }

    /** Makes the tenant's next queued generation due now for a permit this worker freed; whether it has one due. */
    private boolean promoteNext(String tenantId) {
        return tx.inTx(h -> engine.taskTable.promoteNextGeneration(
                h, Engine.GENERATE, tenantId, config.clock().instant()));
    }

    /** The answer to "may this generation start now?": the tenant permit to hold while it runs, or its deferral. */
    private record StartDecision(TenantLimiter.Permit permit, Next deferral) {}

    /**
     * May this generation start now? Not while the artifact store is below its free-space floor, nor while its
     * tenant is at its concurrent generation limit (then the tenant's queued backlog steps back too). A deferral
     * uses no attempt.
     */
    private StartDecision mayStartNow(ExecutionRow e, ScheduleRow s) {
        if (diskTooFull()) {
            return new StartDecision(null, defer("artifact store below its free-space floor"));
        }
        // issue 24: a full delivery queue of one of its channels defers the generation (no attempt used)
        java.util.Set<String> fullChannels = engine.backlog.fullChannelsOf(s.id());
        if (!fullChannels.isEmpty()) {
            return new StartDecision(null, defer("delivery queue of " + fullChannels + " is full"));
        }
        Instant asked = config.clock().instant();
        Optional<TenantLimiter.Permit> permit = tryAcquire(e, s);
        if (permit.isPresent()) {
            return new StartDecision(permit.get(), null);
        }
        Next deferred = defer("tenant '" + e.tenantId() + "' is at its concurrent generation limit");
        // the tenant's whole queued backlog steps back, so other tenants' work is next in line; a generation made due
        // after we asked was promoted into a permit freed since, and keeps its turn
        Instant now = config.clock().instant();
        Instant until = backlogDeferredUntil.get(e.tenantId());
        if (until != null && until.isAfter(now)) {
            // the backlog stepped back a moment ago: this one joins it instead of coming back on its own (a backlog
            // spread over the whole defer delay kept the workers busy picking generations that cannot start)
            return new StartDecision(null, Next.at(until));
        }
        backlogDeferredUntil.put(e.tenantId(), deferred.at());
        tx.useTx(h -> engine.taskTable.deferTenantGenerations(h, Engine.GENERATE, e.tenantId(), asked, deferred.at()));
        // a permit freed while the backlog stepped back had no deferred generation to promote (they were due): this
        // one takes it, or the tenant would run below its limit until the backlog comes back
        Optional<TenantLimiter.Permit> freed = tryAcquire(e, s);
        if (freed.isPresent()) {
            return new StartDecision(freed.get(), null);
        }
        return new StartDecision(null, deferred);
    }

    private Optional<TenantLimiter.Permit> tryAcquire(ExecutionRow e, ScheduleRow s) {
        return config.tenantLimiter()
                .tryAcquire(
                        e.tenantId(),
                        e.id(),
                        ExecutionTimeouts.effective(config, e, s).plusMinutes(1));
    }

    /** A deferral of an inline generation becomes a task of its own; a task's is its next time. */
    private Next deferred(ExecutionRow e, boolean inline, Next deferral) {
        if (!inline) {
            return deferral;
        }
        engine.queueGeneration(e.id(), e.trigger(), deferral.at());
        return Next.DONE;
    }

    /**
     * Sends the deliveries of an execution that no task holds any more (their sender died): the first in this
     * worker, the others as tasks of their own.
     */
    private void resumeDeliveries(ExecutionRow e) {
        List<String> left = tx.read(h -> engine.inline.deliveriesOfExecution(h, e.id()));
        Instant now = config.clock().instant();
        for (int i = 1; i < left.size(); i++) {
            engine.queueDelivery(left.get(i), now, e.trigger());
        }
        if (!left.isEmpty()) {
            LOG.warn("Resuming {} delivery(ies) of execution {} whose sender died", left.size(), e.id());
            engine.dispatch().runInline(left.get(0));
        }
    }

    private Next defer(String why) {
        long base = config.deferDelay().toMillis();
        long delay = base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        LOG.debug("Generation deferred by {} ms: {}", delay, why);
        return Next.at(config.clock().instant().plusMillis(delay));
    }

    private boolean diskTooFull() {
        DiskGuard guard = config.diskGuard();
        if (guard.floorBytes() == 0 && guard.warnBytes() == 0) {
            return false;
        }
        OptionalLong free = guard.probe() != null
                ? guard.probe().get()
                : config.artifactStore().usableSpace();
        if (free.isEmpty()) {
            return false;
        }
        if (free.getAsLong() < guard.floorBytes()) {
            LOG.warn(
                    "Artifact store has {} bytes free, below the floor of {}: generation deferred",
                    free.getAsLong(),
                    guard.floorBytes());
            return true;
        }
        if (free.getAsLong() < guard.warnBytes()) {
            LOG.warn(
                    "Artifact store has {} bytes free, below the warning level of {}",
                    free.getAsLong(),
                    guard.warnBytes());
        }
        return false;
    }

    private Next attempt(ExecutionRow e, ScheduleRow s, boolean inline, Runnable releasePermit) {
        Instant started = config.clock().instant();
        Duration timeout = ExecutionTimeouts.effective(config, e, s); // issue 24: a one-off override wins
        // issue 24: the effective timeout is stored with the execution by the claim of the attempt itself
        if (!tx.single(h -> executionTable.markRunning(h, e.id(), e.attempt(), timeout, started))) {
            return Next.DONE; // another instance took this attempt
        }
        int attempt = e.attempt() + 1;
        engine.events.publish(l -> l.executionStarted(event(e, s, attempt, -1, null, null, started)));
        Signal signal = new Signal(started.plus(timeout));
        Thread worker = Thread.currentThread();
        AtomicBoolean running = new AtomicBoolean(true);
        var cancel = watchdog.schedule(signal::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        long graceMs = Math.min(5_000, Math.max(100, timeout.toMillis() / 10));
        var interrupt = watchdog.schedule(
                () -> {
                    synchronized (running) {
                        if (running.get()) {
                            LOG.warn("Generation ignored its cancellation for {} ms; interrupting its thread", graceMs);
                            worker.interrupt();
                        }
                    }
                },
                timeout.toMillis() + graceMs,
                TimeUnit.MILLISECONDS);
        long t0 = System.nanoTime();
        Artifact artifact = null;
        Throwable failure = null;
        Optional<String> refusal = Optional.empty();
        try {
            // under the watchdog: a hanging authorizer times out like a hanging report
            refusal = reauthorize(e, s);
            if (refusal.isEmpty()) {
                artifact = generate(e, s, attempt, signal);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            cancel.cancel(false);
            interrupt.cancel(false);
            synchronized (running) {
                running.set(false);
                Thread.interrupted(); // never leak our interrupt into the worker pool
            }
        }
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        if (failure == null && refusal.isPresent()) {
            String reason =
                    "the report authorizer refused owner '" + s.ownerId() + "' when the run started: " + refusal.get();
            return failed(e, s, attempt, ErrorCategory.PERMISSION, reason, null, durationMs, null, reason, inline);
        }
        if (failure != null) {
            ErrorCategory category = signal.isCancelled() ? ErrorCategory.TIMEOUT : ErrorClassifier.classify(failure);
            String message = signal.isCancelled()
                    ? "generation exceeded its timeout of " + Durations.format(timeout) + " ("
                            + Text.clip(String.valueOf(failure.getMessage()), 200) + ")"
                    : describe(failure);
            return failed(
                    e, s, attempt, category, message, Text.stackSummary(failure, 6), durationMs, failure, null, inline);
        }
        return succeeded(e, s, attempt, artifact, durationMs, releasePermit);
    }

    /**
     * Asks the host's authorizer again, as the schedule's owner, whether this run may happen; the reason of a
     * refusal, or empty. Other exceptions of the authorizer propagate and fail the attempt like any failure.
     */
    private Optional<String> reauthorize(ExecutionRow e, ScheduleRow s) {
        if (config.authorizer() == ReportAuthorizer.allowAll()) {
            return Optional.empty(); // the default allows everything: no recipients to read for it
        }
        List<Recipient> recipients = tx.read(h -> recipientTable.recipients(h, s.id()));
        Actor owner = new Actor(s.tenantId(), s.ownerId(), Set.of());
        try {
            config.authorizer().authorize(owner, s.reportType(), Json.readMap(e.paramsSnapshot()), recipients);
            return Optional.empty();
        } catch (ReportsAccessDeniedException refused) {
            LOG.warn("Report authorizer refused owner {} at run time: {}", s.ownerId(), refused.getMessage());
            return Optional.of(describe(refused));
        }
    }

    private Artifact generate(ExecutionRow e, ScheduleRow s, int attempt, Signal signal) throws Exception {
        ReportType type = config.reportTypes().get(s.reportType());
        if (type == null) {
            throw new ReportsException(
                    ErrorCategory.CONFIGURATION,
                    "report type '" + s.reportType() + "' is not registered on this instance; registered: "
                            + config.reportTypes().keySet());
        }
        OutputFormatter formatter = config.formatters().get(e.outputFormat());
        if (formatter == null) {
            throw new ReportsException(
                    ErrorCategory.CONFIGURATION,
                    "output format '" + e.outputFormat() + "' is not registered on this instance; registered: "
                            + config.formatters().keySet());
        }
        ZoneId zone = ZoneId.of(s.timezone());
        Locale locale = Locale.forLanguageTag(s.locale());
        Set<String> dateRanges = type.parameters().stream()
                .filter(p -> p.kind() == ParameterSpec.Kind.DATE_RANGE)
                .map(ParameterSpec::name)
                .collect(Collectors.toSet());
        Map<String, Object> params =
                RelativeDates.resolveAll(Json.readMap(e.paramsSnapshot()), dateRanges, e.scheduledFor(), zone);
        ReportRequest request = new ReportRequest(
                e.id(),
                s.id(),
                e.tenantId(),
                s.ownerId(),
                type.id(),
                params,
                locale,
                zone,
                e.scheduledFor(),
                e.trigger(),
                signal);
        Map<String, String> shown = new LinkedHashMap<>();
        params.forEach((k, v) -> shown.put(k, String.valueOf(v)));
        // the schedule's options are for its current format; a run queued before the format changed gets none
        Map<String, String> settings = e.outputFormat().equals(s.outputFormat()) && s.formatOptions() != null
                ? FormatSettings.toSettings(formatter, Json.readMap(s.formatOptions()))
                : Map.of();
        FormatOptions options =
                new FormatOptions(locale, zone, s.name(), config.clock().instant(), shown, settings);
        int sampleRows = sampleRowsWanted(s);
        RowCapture capture = sampleRows > 0 ? new RowCapture(sampleRows, zone) : null;
        String fileName = fileName(s, e, formatter.fileExtension());
        String key = artifactKey(e, attempt, fileName, formatter.fileExtension());
        try (ArtifactOutput out = config.artifactStore().create(key)) {
            CountingDigestStream counted = new CountingDigestStream(out);
            GuardedSink sink;
            try (FormatWriter writer = formatter.open(counted, options)) {
                sink = new GuardedSink(writer, signal, type.id(), capture);
                type.generate(request, sink);
                if (!sink.columnsDeclared()) {
                    throw new ReportsException(
                            ErrorCategory.DATA, "report type '" + type.id() + "' declared no columns");
                }
            }
            counted.close();
            long size = out.commit();
            return new Artifact(
                    key,
                    fileName,
                    formatter.mediaType(),
                    size,
                    counted.sha256Hex(),
                    sink.rows(),
                    capture == null ? null : capture.json());
        }
    }

    /** The most leading rows a channel of the schedule shows inline, 0 when none asks. */
    private int sampleRowsWanted(ScheduleRow s) {
        int wanted = 0;
        for (Map.Entry<String, Map<String, String>> options :
                Json.readOptions(s.deliveryOptions()).entrySet()) {
            io.scheduledreports.spi.DeliveryChannel channel = config.channels().get(options.getKey());
            if (channel != null) {
                try {
                    wanted = Math.max(wanted, channel.sampleRows(options.getValue()));
                } catch (RuntimeException ex) {
                    LOG.warn("Channel '{}' failed to say how many rows it shows inline", options.getKey(), ex);
                }
            }
        }
        return Math.min(wanted, io.scheduledreports.spi.RowSample.MAX_ROWS);
    }

    private Next succeeded(
            ExecutionRow e, ScheduleRow s, int attempt, Artifact a, long durationMs, Runnable releasePermit) {
        Instant now = config.clock().instant();
        EmptyReportPolicy policy = EmptyReportPolicy.valueOf(s.emptyReportPolicy());
        Instant availableUntil = now.plus(config.retention().artifactRetentionFor(e.tenantId()));
        List<Dispatch.Handover> first = new java.util.ArrayList<>(1);
        int[] queued = {0};
        String outcome = tx.inTx(h -> {
            // the schedule's last success, and whether it was deleted while the report was generated, in one
            // statement; the run's first delivery uses the schedule as this generation read it when it started
            boolean deleted = !scheduleTable.recordSuccessUnlessDeleted(h, s.id(), now);
            boolean skip = (policy == EmptyReportPolicy.NOT_EMPTY && a.rows() == 0)
                    || (policy == EmptyReportPolicy.CHANGED
                            && executionTable
                                    .lastDeliveredChecksum(h, s.id(), e.id())
                                    .map(a.sha256()::equals)
                                    .orElse(false));
            // unsubscribed and bounced recipients get nothing; one read gives them all and those that get it
            RecipientStore.RunRecipients read =
                    deleted || skip ? RecipientStore.RunRecipients.NONE : engine.recipients.forRun(h, s.id());
            List<Recipient> recipients = read.deliverable();
            ExecutionStatus status = deleted
                    ? ExecutionStatus.CANCELLED
                    : skip
                            ? ExecutionStatus.SKIPPED
                            : recipients.isEmpty() ? ExecutionStatus.SUCCEEDED : ExecutionStatus.DELIVERING;
            if (!executionTable.markGenerated(
                    h,
                    e.id(),
                    attempt,
                    status,
                    a.rows(),
                    a.key(),
                    a.fileName(),
                    a.mediaType(),
                    a.size(),
                    a.sha256(),
                    availableUntil,
                    durationMs,
                    now)) {
                return null;
            }
            if (a.sampleJson() != null) {
                executionTable.setSampleRows(h, e.id(), a.sampleJson());
            }
            // the first delivery is sent by this worker (the task that runs this generation holds it), the others
            // are tasks of their own so that other workers send them meanwhile and a slow recipient holds up no other
            for (Recipient r : recipients) {
                String deliveryId = SqlSupport.newId();
                if (first.isEmpty()) {
                    // this worker sends it right after the commit: it is recorded as its first attempt started
                    // (SENDING), which is what the delivery's own claim would commit, unless a rate limit may make
                    // it wait (a wait uses no attempt)
                    boolean claimed = !config.channelRateLimits().containsKey(r.channel());
                    deliveryTable.insertDelivery(h, deliveryId, e.tenantId(), e.id(), r, claimed, now);
                    ExecutionRow generated = generated(e, status, attempt, a, availableUntil, durationMs, now);
                    first.add(new Dispatch.Handover(
                            recorded(deliveryId, e, r, claimed), generated, s, read, recipients.size() == 1));
                } else {
                    deliveryTable.insertDelivery(h, deliveryId, e.tenantId(), e.id(), r, now);
                    engine.queueNewDelivery(h, deliveryId, now, e.trigger()); // issue 24: manual runs' first
                    queued[0]++;
                }
            }
            return status.name();
        });
        if (outcome == null) {
            LOG.warn(
                    "Attempt {} of execution {} was superseded by another instance; discarding its artifact",
                    attempt,
                    e.id());
            deleteQuietly(a.key());
            return Next.DONE;
        }
        LOG.info("Generated {} rows ({} bytes) in {} ms: {}", a.rows(), a.size(), durationMs, outcome);
        engine.events.publish(l -> l.executionSucceeded(event(e, s, attempt, a.rows(), null, null, now)));
        if (queued[0] > 0) {
            engine.wakeUp();
        }
        if (!first.isEmpty()) {
            releasePermit.run(); // the generation is done: its permit goes before the send
            engine.dispatch().runInline(first.get(0));
        }
        return Next.DONE;
    }

    /** The execution row as {@link ExecutionTable#markGenerated} leaves it. */
    private static ExecutionRow generated(
            ExecutionRow e,
            ExecutionStatus status,
            int attempt,
            Artifact a,
            Instant availableUntil,
            long durationMs,
            Instant now) {
        return new ExecutionRow(
                e.id(),
                e.tenantId(),
                e.scheduleId(),
                e.scheduledFor(),
                e.trigger(),
                status.name(),
                e.paramsSnapshot(),
                e.outputFormat(),
                attempt,
                e.startedAt(),
                now,
                durationMs,
                a.rows(),
                a.key(),
                a.fileName(),
                a.mediaType(),
                a.size(),
                a.sha256(),
                availableUntil,
                null,
                null,
                e.createdAt(),
                e.resolvedParams(),
                e.timeoutSeconds());
    }

    /** A delivery row as {@link DeliveryTable#insertDelivery} writes it. */
    private static DeliveryRow recorded(String id, ExecutionRow e, Recipient r, boolean claimed) {
        return new DeliveryRow(
                id,
                e.tenantId(),
                e.id(),
                r.id(),
                r.channel(),
                r.destination(),
                claimed ? "SENDING" : "PENDING",
                claimed ? 1 : 0,
                DeliveryTable.idempotencyKey(e.id(), r.id()),
                null,
                null,
                null,
                null);
    }

    private Next failed(
            ExecutionRow e,
            ScheduleRow s,
            int attempt,
            ErrorCategory category,
            String message,
            String detail,
            long durationMs,
            Throwable failure,
            String pauseReason,
            boolean inline) {
        Instant now = config.clock().instant();
        Optional<Duration> retryIn = pauseReason != null ? Optional.empty() : retryDelay(category, attempt);
        boolean last = retryIn.isEmpty();
        boolean recorded = tx.inTx(h -> {
            if (!executionTable.markGenerationFailed(
                    h,
                    e.id(),
                    attempt,
                    last ? ExecutionStatus.FAILED : ExecutionStatus.RETRYING,
                    category,
                    message,
                    detail,
                    durationMs,
                    now)) {
                return false;
            }
            engine.failures.record(h, e.tenantId(), e.id(), null, attempt, category, message, now); // issue 24
            if (!last && inline) {
                engine.queueGeneration(e.id(), e.trigger(), now.plus(retryIn.get())); // with the failure's record
            }
            if (pauseReason != null) {
                pauseForReason(h, s, pauseReason, now);
            }
            if (last) {
                deadLetterTable.insertDeadLetter(
                        h,
                        e.tenantId(),
                        s.id(),
                        e.id(),
                        null,
                        DeadLetter.Kind.GENERATION,
                        category,
                        message,
                        detail,
                        attempt,
                        now);
                engine.queueFailureNotifications(h, e.id(), s, now);
            }
            return true;
        });
        if (!recorded) {
            return Next.DONE;
        }
        ExecutionEvent event = event(e, s, attempt, -1, category, message, now);
        engine.events.publish(l -> l.executionFailed(event));
        if (last) {
            LOG.error("Generation failed for good after {} attempt(s) [{}]: {}", attempt, category, message, failure);
            engine.events.publish(l -> l.executionDeadLettered(event));
            engine.afterDeadLetter(e.tenantId());
            return Next.DONE;
        }
        LOG.warn(
                "Generation attempt {} failed [{}]: {}; retrying in {}",
                attempt,
                category,
                message,
                Durations.format(retryIn.get()));
        return inline ? Next.DONE : Next.at(now.plus(retryIn.get()));
    }

    /** How long until the next attempt after a failed one; empty when that was the last. */
    private Optional<Duration> retryDelay(ErrorCategory category, int attempt) {
        return config.generationRetry().nextDelay(category, attempt, ThreadLocalRandom.current());
    }

    /** Pauses the schedule (when still active) with the reason, audited as the engine's own pause. */
    private void pauseForReason(org.jdbi.v3.core.Handle h, ScheduleRow s, String reason, Instant now) {
        scheduleTable.scheduleForUpdate(h, s.id());
        if (scheduleTable.pauseWithReason(h, s.id(), reason, "system", now)) {
            engine.disarmTimer(h, s.id());
            auditTable.audit(
                    h,
                    s.tenantId(),
                    "system",
                    "PAUSE",
                    "schedule",
                    s.id(),
                    Map.of("status", "ACTIVE"),
                    Map.of("status", "PAUSED", "reason", Text.clip(reason, 500)),
                    now);
            LOG.warn("Schedule {} paused: {}", s.id(), reason);
        }
    }

    private ExecutionEvent event(
            ExecutionRow e, ScheduleRow s, int attempt, long rows, ErrorCategory category, String error, Instant at) {
        return new ExecutionEvent(
                e.tenantId(),
                s.id(),
                e.id(),
                s.reportType(),
                s.ownerId(),
                e.scheduledFor(),
                e.trigger(),
                attempt,
                rows,
                category,
                error,
                at);
    }

    private void deleteQuietly(String key) {
        try {
            config.artifactStore().delete(key);
        } catch (IOException | RuntimeException ex) {
            LOG.warn("Could not delete superseded artifact {}", key, ex);
        }
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : Text.clip(message, 2000);
    }

    /** Longest segment of an artifact key (the S3 store's limit too). */
    static final int MAX_KEY_SEGMENT = 128;

    /**
     * The store key {@code {tenant}/{yyyy}/{mm}/{execution-id}/{file-name}}: year and month of the scheduled time
     * in UTC, every segment made safe and capped. Attempts after the first get {@code -aN} before the extension,
     * so an attempt superseded by another instance deletes only its own file, never the winner's.
     */
    static String artifactKey(ExecutionRow e, int attempt, String fileName, String extension) {
        ZonedDateTime at = e.scheduledFor().atZone(ZoneOffset.UTC);
        String name = attempt <= 1
                ? fileName
                : fileName.substring(0, fileName.length() - extension.length() - 1) + "-a" + attempt + "." + extension;
        int year = at.getYear();
        int month = at.getMonthValue();
        String yearMonth = year >= 1000 && year <= 9999
                ? year + (month < 10 ? "/0" : "/") + month
                : String.format(Locale.ROOT, "%04d/%02d", year, month);
        return segment(e.tenantId()) + "/" + yearMonth + "/" + segment(e.id()) + "/" + segment(name);
    }

    private static String segment(String value) {
        String s = safe(value);
        return s.length() > MAX_KEY_SEGMENT ? s.substring(0, MAX_KEY_SEGMENT) : s;
    }

    private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[^A-Za-z0-9._-]");
    private static final java.util.regex.Pattern NOT_SLUG = java.util.regex.Pattern.compile("[^a-z0-9]+");
    private static final java.util.regex.Pattern EDGE_DASHES = java.util.regex.Pattern.compile("(^-+|-+$)");
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    static String safe(String value) {
        String s = UNSAFE.matcher(value).replaceAll("_");
        return s.startsWith(".") || s.startsWith("-") ? "_" + s : s;
    }

    static String fileName(ScheduleRow s, ExecutionRow e, String extension) {
        String slug = EDGE_DASHES
                .matcher(NOT_SLUG.matcher(s.name().toLowerCase(Locale.ROOT)).replaceAll("-"))
                .replaceAll("");
        if (slug.isEmpty()) {
            slug = "report";
        }
        String date = FILE_DATE.format(e.scheduledFor().atZone(ZoneId.of(s.timezone())));
        return (slug.length() > 80 ? slug.substring(0, 80) : slug) + "-" + date + "." + extension;
    }

    /** Cancellation by deadline (checked against the engine clock) or by the watchdog. */
    private final class Signal implements CancellationSignal {
        private final Instant deadline;
        private volatile boolean cancelled;

        Signal(Instant deadline) {
            this.deadline = deadline;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled || config.clock().instant().isAfter(deadline);
        }

        @Override
        public Instant deadline() {
            return deadline;
        }
    }
}
