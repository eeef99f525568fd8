package io.scheduledreports.core.internal;

import io.scheduledreports.core.ArtifactDownload;
import io.scheduledreports.core.AuditAction;
import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ExecutionStats;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.ManualRunLimits;
import io.scheduledreports.core.Page;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.Quotas;
import io.scheduledreports.core.ReportsNotFoundException;
import io.scheduledreports.core.ReportsQuotaExceededException;
import io.scheduledreports.core.ReportsRateLimitedException;
import io.scheduledreports.core.ReportsRunInProgressException;
import io.scheduledreports.core.ReportsStaleVersionException;
import io.scheduledreports.core.ScheduleQuery;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.Visibility;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.params.RelativeDates;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ParameterSpec;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.Trigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * The operations behind the public API. Every operation is scoped by the actor's tenant, validates all input
 * before it writes anything, and writes its rows, its task rows and its audit event in one transaction.
 */
public final class Operations {

    /** Shortest per-schedule timeout override. */
    public static final Duration MIN_SCHEDULE_TIMEOUT = Duration.ofMinutes(5);
    /** Longest per-schedule timeout override (the engine maximum may be lower). */
    public static final Duration MAX_SCHEDULE_TIMEOUT = Duration.ofHours(2);
    /** Longest string value of a report parameter. */
    public static final int MAX_PARAM_STRING_LENGTH = 1_000;
    /** Most elements of a list value of a report parameter. */
    public static final int MAX_PARAM_LIST_SIZE = 1_000;
    /** Largest report parameters, as JSON. */
    public static final int MAX_PARAMS_JSON_LENGTH = 16_384;
    /** Longest locale tag (the width of the {@code locale} column). */
    public static final int MAX_LOCALE_LENGTH = 35;

    private final Engine engine;
    private final EngineConfig config;
    private final ScheduleTable scheduleTable;
    private final RecipientTable recipientTable;
    private final ExecutionTable executionTable;
    private final DeliveryTable deliveryTable;
    private final DeadLetterTable deadLetterTable;
    private final AuditTable auditTable;
    private final Tx tx;

    /**
     * Creates the operations.
     *
     * @param engine the engine
     */
    public Operations(Engine engine) {
        this.engine = engine;
        this.config = engine.config;
        this.scheduleTable = engine.scheduleTable;
        this.recipientTable = engine.recipientTable;
        this.executionTable = engine.executionTable;
        this.deliveryTable = engine.deliveryTable;
        this.deadLetterTable = engine.deadLetterTable;
        this.auditTable = engine.auditTable;
        this.tx = engine.tx;
    }

    private Instant now() {
        return config.clock().instant();
    }

    // ---------------------------------------------------------------- schedules

    public ScheduledReport create(Actor actor, ScheduleRequest request) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(request, "request");
        String owner = ownerOf(actor, request, null);
        validate(actor, request);
        Instant now = now();
        String id = SqlSupport.newId();
        return tx.inTx(h -> {
            checkActiveQuota(h, actor.tenantId(), owner);
            Instant next = firstRun(scheduleInTx(h, actor.tenantId(), request.schedule()), now);
            ScheduleRow row = row(
                    id,
                    actor.tenantId(),
                    owner,
                    actor.userId(),
                    actor.userId(),
                    request,
                    "ACTIVE",
                    next,
                    null,
                    null,
                    null,
                    null,
                    1,
                    now,
                    now,
                    null);
            scheduleTable.insertSchedule(h, row);
            for (Recipient r : request.recipients()) {
                recipientTable.insertRecipient(h, id, actor.tenantId(), r, actor.userId(), now);
            }
            List<Recipient> recipients = recipientTable.recipients(h, id);
            auditTable.audit(
                    h,
                    actor.tenantId(),
                    actor.userId(),
                    AuditAction.CREATE.name(),
                    "schedule",
                    id,
                    null,
                    Views.audit(row, recipients),
                    now);
            engine.armTimer(id, next);
            return view(h, row, recipients, now).withWarnings(warnings(h, actor.tenantId(), owner, request, id, now));
        });
    }

    /** The warnings of a request (never blocking); {@code scheduleId} is left out of the duplicate search. */
    private List<io.scheduledreports.core.ScheduleWarning> warnings(
            Handle h, String tenantId, String owner, ScheduleRequest request, String scheduleId, Instant now) {
        return Warnings.of(
                h,
                scheduleTable,
                recipientTable,
                tenantId,
                owner,
                request,
                scheduleId,
                config.holidayCalendars().forTenant(tenantId),
                now);
    }

    /**
     * What {@code create} would do, without doing it: the same validation (and the same errors), the next runs, the
     * warnings, and a sample of the report with the parameters resolved for the first run. Reads only.
     */
    public io.scheduledreports.core.SchedulePreview preview(Actor actor, ScheduleRequest request, Sampler sampler) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(request, "request");
        String owner = ownerOf(actor, request, null);
        validate(actor, request);
        Instant now = now();
        Instant first = firstRun(request.schedule(), now);
        List<io.scheduledreports.core.ScheduleWarning> warnings = new ArrayList<>(tx.read(h -> {
            checkActiveCounts(h, actor.tenantId(), owner);
            return warnings(h, actor.tenantId(), owner, request, null, now);
        }));
        java.time.ZoneId zone = request.schedule().zone();
        List<io.scheduledreports.core.SchedulePreview.Run> runs =
                request.schedule().nextRuns(now, io.scheduledreports.core.SchedulePreview.MAX_RUNS).stream()
                        .map(i -> io.scheduledreports.core.SchedulePreview.Run.at(i, zone))
                        .toList();
        ReportType type = config.reportTypes().get(request.reportType());
        java.util.Set<String> dateRanges = new java.util.HashSet<>();
        for (ParameterSpec p : type.parameters()) {
            if (p.kind() == ParameterSpec.Kind.DATE_RANGE) {
                dateRanges.add(p.name());
            }
        }
        io.scheduledreports.spi.ReportRequest sampleRequest = new io.scheduledreports.spi.ReportRequest(
                "preview-" + SqlSupport.newId(),
                null,
                actor.tenantId(),
                owner,
                type.id(),
                RelativeDates.resolveAll(request.reportParams(), dateRanges, first, zone),
                request.locale(),
                zone,
                first,
                Trigger.MANUAL,
                io.scheduledreports.spi.CancellationSignal.none());
        Sampler.Result sample = sampler.sample(type, sampleRequest);
        if (sample.warning() != null) {
            warnings.add(sample.warning());
        }
        return new io.scheduledreports.core.SchedulePreview(zone, runs, warnings, sample.sample());
    }

    public ScheduledReport get(Actor actor, String id) {
        Instant now = now();
        return tx.read(h -> {
            ScheduleRow s = visible(h, actor, id);
            return view(h, s, recipientTable.recipients(h, id), now);
        });
    }

    public Page<ScheduledReport> list(Actor actor, ScheduleQuery query) {
        if (ownOnly(actor) && config.visibility() == Visibility.RECIPIENTS) {
            // the schedules it owns or receives, narrowed by the owner it asked for
            return list(actor.tenantId(), query, actor.userId());
        }
        if (ownOnly(actor) && !actor.userId().equals(query.ownerId())) {
            // least privilege: a non-admin lists its own schedules, whatever owner it asked for
            query = query.withOwner(actor.userId());
        }
        return list(actor.tenantId(), query);
    }

    /** Lists schedules of one tenant, or of all tenants when {@code tenantId} is null (admin view). */
    public Page<ScheduledReport> list(String tenantId, ScheduleQuery query) {
        return list(tenantId, query, null);
    }

    /** Lists schedules; with a {@code readerId}, only those it owns or is a recipient of. */
    private Page<ScheduledReport> list(String tenantId, ScheduleQuery query, String readerId) {
        Instant now = now();
        PageRequest page = query.page();
        return tx.read(h -> {
            Rows.Counted<ScheduleRow> rows = engine.listings.schedules(h, tenantId, query, readerId);
            List<ScheduledReport> items = rows.rows().stream()
                    .map(s -> view(h, s, recipientTable.recipients(h, s.id()), now))
                    .toList();
            return new Page<>(items, page.page(), page.size(), rows.total());
        });
    }

    public ScheduledReport update(Actor actor, String id, long expectedVersion, ScheduleRequest request) {
        Objects.requireNonNull(request, "request");
        validate(actor, request);
        Instant now = now();
        return tx.inTx(h -> {
            // the calendar before the schedule: the order in which a calendar change locks them
            ScheduleSpec spec = scheduleInTx(h, actor.tenantId(), request.schedule());
            ScheduleRow old = lockVisible(h, actor, id);
            requireOwnerOrAdmin(actor, old);
            if (old.version() != expectedVersion) {
                throw new ReportsStaleVersionException(id, expectedVersion, old.version());
            }
            String owner = ownerOf(actor, request, old.ownerId());
            boolean active = "ACTIVE".equals(old.status());
            Instant next = active ? firstRun(spec, now) : null;
            if (!owner.equals(old.ownerId()) && active) {
                checkActiveQuota(h, old.tenantId(), owner);
            }
            ScheduleRow updated = row(
                    id,
                    old.tenantId(),
                    owner,
                    old.createdBy(),
                    actor.userId(),
                    request,
                    old.status(),
                    next,
                    old.lastRunAt(),
                    old.lastSuccessAt(),
                    old.pausedAt(),
                    null,
                    old.version() + 1,
                    old.createdAt(),
                    now,
                    old.pausedReason());
            List<Recipient> before = recipientTable.recipients(h, id);
            if (scheduleTable.updateScheduleDefinition(h, updated, expectedVersion) != 1) {
                throw new ReportsStaleVersionException(id, expectedVersion, old.version() + 1);
            }
            replaceRecipients(h, old, before, request.recipients(), actor, now);
            List<Recipient> after = recipientTable.recipients(h, id);
            auditTable.audit(
                    h,
                    old.tenantId(),
                    actor.userId(),
                    AuditAction.UPDATE.name(),
                    "schedule",
                    id,
                    Views.audit(old, before),
                    Views.audit(updated, after),
                    now);
            if (active) {
                engine.armTimer(id, next);
            }
            return view(h, updated, after, now).withWarnings(warnings(h, old.tenantId(), owner, request, id, now));
        });
    }

    private void replaceRecipients(
            Handle h, ScheduleRow s, List<Recipient> before, List<Recipient> wanted, Actor actor, Instant now) {
        for (Recipient old : before) {
            if (wanted.stream().noneMatch(old::sameAddress)) {
                recipientTable.deleteRecipient(h, s.id(), old.id());
            }
        }
        for (Recipient w : wanted) {
            Recipient existing =
                    before.stream().filter(w::sameAddress).findFirst().orElse(null);
            if (existing == null) {
                recipientTable.insertRecipient(h, s.id(), s.tenantId(), w, actor.userId(), now);
            } else if (!existing.options().equals(w.options())) {
                recipientTable.updateRecipientOptions(h, existing.id(), w.options());
            }
        }
    }

    public ScheduledReport pause(Actor actor, String id) {
        Instant now = now();
        return tx.inTx(h -> {
            ScheduleRow s = lockVisible(h, actor, id);
            requireOwnerOrAdmin(actor, s);
            if ("PAUSED".equals(s.status())) {
                return view(h, s, recipientTable.recipients(h, id), now);
            }
            if (!"ACTIVE".equals(s.status())) {
                throw new ReportsValidationException(
                        "status", "only an ACTIVE schedule can be paused, this one is " + s.status());
            }
            scheduleTable.setScheduleState(h, id, ScheduleStatus.PAUSED, null, now, null, actor.userId(), now);
            engine.disarmTimer(h, id);
            return audited(h, actor, AuditAction.PAUSE, s, now);
        });
    }

    public ScheduledReport resume(Actor actor, String id) {
        Instant now = now();
        return tx.inTx(h -> {
            ScheduleRow s = lockVisible(h, actor, id);
            requireOwnerOrAdmin(actor, s);
            if ("ACTIVE".equals(s.status())) {
                return view(h, s, recipientTable.recipients(h, id), now);
            }
            if (!"PAUSED".equals(s.status())) {
                throw new ReportsValidationException(
                        "status", "only a PAUSED schedule can be resumed, this one is " + s.status());
            }
            checkActiveQuota(h, s.tenantId(), s.ownerId());
            Instant next = ScheduleSpec.fromJson(s.scheduleConfig(), engine.calendars.forTenant(h, s.tenantId()))
                    .nextRun(now)
                    .orElse(null);
            scheduleTable.setScheduleState(
                    h,
                    id,
                    next == null ? ScheduleStatus.COMPLETED : ScheduleStatus.ACTIVE,
                    next,
                    null,
                    null,
                    actor.userId(),
                    now);
            if (next != null) {
                engine.armTimer(id, next);
            }
            return audited(h, actor, AuditAction.RESUME, s, now);
        });
    }

    /**
     * Pauses every active schedule of one owner in the admin's tenant (offboarding), each with the reason and its
     * own audit event, plus one event for the whole request; returns how many were paused.
     */
    public int pauseAllOwnedBy(Actor actor, String userId) {
        requireAdmin(actor, "pause all schedules of an owner");
        Actor.checkId("user_id", userId, Actor.MAX_USER_ID_LENGTH);
        Instant now = now();
        String reason = "all schedules of owner '" + userId + "' were paused by admin '" + actor.userId() + "'";
        return tx.inTx(h -> {
            int n = 0;
            for (String id : scheduleTable.activeScheduleIdsOwnedBy(h, actor.tenantId(), userId)) {
                ScheduleRow s = scheduleTable.scheduleForUpdate(h, id).orElseThrow();
                if (!"ACTIVE".equals(s.status())
                        || !scheduleTable.pauseWithReason(h, id, reason, actor.userId(), now)) {
                    continue; // paused or deleted since the list was read
                }
                engine.disarmTimer(h, id);
                auditTable.audit(
                        h,
                        s.tenantId(),
                        actor.userId(),
                        AuditAction.PAUSE.name(),
                        "schedule",
                        id,
                        Map.of("status", "ACTIVE"),
                        Map.of("status", "PAUSED", "reason", reason),
                        now);
                n++;
            }
            auditTable.audit(
                    h,
                    actor.tenantId(),
                    actor.userId(),
                    AuditAction.PAUSE_ALL_OWNED_BY.name(),
                    "owner",
                    userId,
                    null,
                    Map.of("paused", n),
                    now);
            return n;
        });
    }

    public void delete(Actor actor, String id) {
        Instant now = now();
        tx.useTx(h -> {
            ScheduleRow s = lockVisible(h, actor, id);
            requireOwnerOrAdmin(actor, s);
            scheduleTable.setScheduleState(h, id, ScheduleStatus.DELETED, null, s.pausedAt(), now, actor.userId(), now);
            engine.disarmTimer(h, id);
            for (String executionId : executionTable.pendingExecutionIds(h, id)) {
                executionTable.setExecutionStatus(h, executionId, ExecutionStatus.CANCELLED, now);
                engine.dequeue(h, Engine.GENERATE, executionId);
            }
            for (String deliveryId : deliveryTable.pendingDeliveryIds(h, id)) {
                deliveryTable.setDeliveryStatus(h, deliveryId, DeliveryStatus.CANCELLED, now);
                engine.dequeue(h, Engine.DELIVER, deliveryId);
            }
            auditTable.audit(
                    h,
                    s.tenantId(),
                    actor.userId(),
                    AuditAction.DELETE.name(),
                    "schedule",
                    id,
                    Views.audit(s, recipientTable.recipients(h, id)),
                    null,
                    now);
        });
    }

    public Execution runNow(Actor actor, String id) {
        return runNow(actor, id, null);
    }

    /**
     * Run-now with a one-off timeout override (admins only, at most the engine maximum); null for none.
     */
    public Execution runNow(Actor actor, String id, Duration timeoutOverride) {
        if (timeoutOverride != null) {
            requireAdmin(actor, "override the timeout of a run");
            ExecutionTimeouts.checkOverride(config, timeoutOverride);
        }
        Instant now = now();
        Execution execution = tx.inTx(h -> {
            ScheduleRow s = lockVisible(h, actor, id);
            requireOwnerOrAdmin(actor, s);
            checkManualRunAllowed(h, s, now);
            if (executionTable.executionExists(h, id, now, Trigger.MANUAL)) {
                throw new ReportsValidationException(
                        "run", "a manual run of this schedule was already requested at " + now);
            }
            String executionId = SqlSupport.newId();
            executionTable.insertExecution(
                    h,
                    executionId,
                    s.tenantId(),
                    id,
                    now,
                    Trigger.MANUAL,
                    s.reportParams(),
                    s.outputFormat(),
                    engine.listings.resolvedParams(s, now),
                    now);
            if (timeoutOverride != null) { // issue 24: stored before the generation can start
                engine.failures.recordTimeout(h, executionId, timeoutOverride);
            }
            engine.queueNewGeneration(h, executionId, Trigger.MANUAL, now);
            auditTable.audit(
                    h,
                    s.tenantId(),
                    actor.userId(),
                    AuditAction.RUN_NOW.name(),
                    "schedule",
                    id,
                    null,
                    timeoutOverride == null
                            ? Map.of("execution_id", executionId)
                            : Map.of("execution_id", executionId, "timeout_seconds", timeoutOverride.toSeconds()),
                    now);
            return Views.execution(executionTable.execution(h, executionId).orElseThrow(), List.of());
        });
        engine.wakeUp();
        return execution;
    }

    public Recipient addRecipient(Actor actor, String scheduleId, Recipient recipient) {
        Objects.requireNonNull(recipient, "recipient");
        Recipient r = new Recipient(null, recipient.channel(), recipient.destination(), recipient.options());
        validateRecipient(actor.tenantId(), "recipients", r);
        Instant now = now();
        return tx.inTx(h -> {
            ScheduleRow s = lockVisible(h, actor, scheduleId);
            requireOwnerOrAdmin(actor, s);
            List<Recipient> current = recipientTable.recipients(h, scheduleId);
            if (current.stream().anyMatch(r::sameAddress)) {
                throw new ReportsValidationException(
                        "recipients", "already contains " + r.channel() + ":" + r.destination());
            }
            Quotas.Limits limits = config.quotas().forTenant(s.tenantId());
            if (current.size() + 1 > limits.maxRecipients()) {
                throw new ReportsQuotaExceededException(
                        "recipients",
                        "at most " + limits.maxRecipients() + " recipients per schedule; this one has "
                                + current.size());
            }
            List<Recipient> after = new ArrayList<>(current);
            after.add(r);
            config.privacy().enforce(s.tenantId(), after);
            config.authorizer().authorize(actor, s.reportType(), Json.readMap(s.reportParams()), after);
            String id = recipientTable.insertRecipient(h, scheduleId, s.tenantId(), r, actor.userId(), now);
            Recipient stored = r.withId(id);
            auditTable.audit(
                    h,
                    s.tenantId(),
                    actor.userId(),
                    AuditAction.ADD_RECIPIENT.name(),
                    "schedule",
                    scheduleId,
                    null,
                    Map.of("id", id, "channel", r.channel(), "destination", r.destination()),
                    now);
            return stored;
        });
    }

    public void removeRecipient(Actor actor, String scheduleId, String recipientId) {
        Instant now = now();
        tx.useTx(h -> {
            ScheduleRow s = lockVisible(h, actor, scheduleId);
            requireOwnerOrAdmin(actor, s);
            Recipient r = recipientTable.recipients(h, scheduleId).stream()
                    .filter(x -> x.id().equals(recipientId))
                    .findFirst()
                    .orElseThrow(() -> new ReportsNotFoundException("recipient", recipientId));
            recipientTable.deleteRecipient(h, scheduleId, recipientId);
            auditTable.audit(
                    h,
                    s.tenantId(),
                    actor.userId(),
                    AuditAction.REMOVE_RECIPIENT.name(),
                    "schedule",
                    scheduleId,
                    Map.of("id", recipientId, "channel", r.channel(), "destination", r.destination()),
                    null,
                    now);
        });
    }

    // ---------------------------------------------------------------- executions

    public Page<Execution> executions(Actor actor, String scheduleId, PageRequest page) {
        return tx.read(h -> {
            visible(h, actor, scheduleId);
            List<Execution> items =
                    executionTable
                            .listExecutions(h, actor.tenantId(), scheduleId, page.page() * page.size(), page.size())
                            .stream()
                            .map(e -> Views.execution(e, List.of()))
                            .toList();
            return new Page<>(
                    items, page.page(), page.size(), executionTable.countExecutions(h, actor.tenantId(), scheduleId));
        });
    }

    /** The actor's tenant's executions across schedules (a non-admin's own schedules only), newest first. */
    public Page<Execution> executions(Actor actor, io.scheduledreports.core.ExecutionQuery q) {
        Objects.requireNonNull(actor, "actor");
        Rows.Counted<ExecutionRow> rows = tx.read(
                h -> engine.listings.executions(h, actor.tenantId(), ownOnly(actor) ? actor.userId() : null, q));
        List<Execution> items =
                rows.rows().stream().map(e -> Views.execution(e, List.of())).toList();
        return new Page<>(items, q.page().page(), q.page().size(), rows.total());
    }

    /** The actor's tenant's audit events, newest first (admins only). */
    public Page<io.scheduledreports.core.AuditEvent> auditEvents(Actor actor, io.scheduledreports.core.AuditQuery q) {
        requireAdmin(actor, "read the audit log");
        Rows.Counted<io.scheduledreports.core.AuditEvent> rows =
                tx.read(h -> engine.listings.audit(h, actor.tenantId(), q));
        return new Page<>(rows.rows(), q.page().page(), q.page().size(), rows.total());
    }

    /** Streams every matching audit event of the actor's tenant, newest first (admins only); returns how many. */
    public long exportAuditEvents(
            Actor actor,
            io.scheduledreports.core.AuditQuery q,
            java.util.function.Consumer<io.scheduledreports.core.AuditEvent> sink) {
        requireAdmin(actor, "export the audit log");
        return tx.inTx(h -> engine.listings.streamAudit(h, actor.tenantId(), q, sink));
    }

    public Execution execution(Actor actor, String executionId) {
        return tx.read(h -> {
            ExecutionRow e = visibleExecution(h, actor, executionId);
            return Views.execution(e, deliveryTable.deliveries(h, executionId));
        });
    }

    public ArtifactDownload openArtifact(Actor actor, String executionId) {
        ExecutionRow e = tx.read(h -> visibleExecution(h, actor, executionId));
        ArtifactDownload download = open(e);
        auditDownload(e, actor.userId(), "user");
        return download;
    }

    /** Every download is audited: who (a user, or "download-link" for a signed link), which file, how. */
    private void auditDownload(ExecutionRow e, String who, String via) {
        Instant now = now();
        tx.useTx(h -> auditTable.audit(
                h,
                e.tenantId(),
                who,
                AuditAction.DOWNLOAD.name(),
                "execution",
                e.id(),
                null,
                Map.of("via", via, "file_name", e.artifactName(), "sha256", String.valueOf(e.artifactSha256())),
                now));
    }

    /** An execution of the actor's tenant that the actor may read ({@link Visibility}), or not found. */
    private ExecutionRow visibleExecution(Handle h, Actor actor, String executionId) {
        Objects.requireNonNull(actor, "actor");
        ExecutionRow e = executionTable
                .execution(h, actor.tenantId(), executionId)
                .orElseThrow(() -> new ReportsNotFoundException("execution", executionId));
        if (ownOnly(actor)
                && !scheduleTable
                        .schedule(h, e.scheduleId())
                        .map(s -> mayRead(h, actor, s))
                        .orElse(false)) {
            throw new ReportsNotFoundException("execution", executionId);
        }
        return e;
    }

    /** Whether the actor's reads are narrowed to some schedules of its tenant ({@link Visibility}). */
    private boolean ownOnly(Actor actor) {
        return config.visibility() != Visibility.TENANT && !actor.isAdmin();
    }

    /** Whether the actor may read the schedule, which is in its tenant. */
    private boolean mayRead(Handle h, Actor actor, ScheduleRow s) {
        if (!ownOnly(actor) || actor.userId().equals(s.ownerId())) {
            return true;
        }
        return config.visibility() == Visibility.RECIPIENTS && recipientTable.isRecipient(h, s.id(), actor.userId());
    }

    /** Opens an execution's artifact without a tenant check; callers verified a signed token. */
    public ArtifactDownload openArtifactUnchecked(String tenantId, String executionId) {
        ExecutionRow e = tx.read(h -> executionTable
                .execution(h, tenantId, executionId)
                .orElseThrow(() -> new ReportsNotFoundException("execution", executionId)));
        ArtifactDownload download = open(e);
        auditDownload(e, "download-link", "link");
        return download;
    }

    private ArtifactDownload open(ExecutionRow e) {
        if (e.artifactKey() == null
                || "EXPIRED".equals(e.status())
                || (e.availableUntil() != null && !now().isBefore(e.availableUntil()))) {
            // past available_until the file is gone for callers, even before the retention job deleted it
            throw new ReportsNotFoundException("artifact of execution", e.id());
        }
        try {
            return new ArtifactDownload(
                    e.artifactName(),
                    e.mediaType(),
                    e.artifactSize(),
                    e.artifactSha256(),
                    config.artifactStore().open(e.artifactKey()));
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException missing) {
            throw new ReportsNotFoundException("artifact of execution", e.id());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot open artifact of execution " + e.id(), ex);
        }
    }

    /** Statistics of one tenant, or of all tenants when {@code tenantId} is null. */
    public ExecutionStats stats(String tenantId) {
        Instant now = now();
        return tx.read(h -> new ExecutionStats(
                SqlSupport.toEnumMap(auditTable.executionCountsByStatus(h, tenantId), ExecutionStatus.class),
                rate(auditTable.successCounts(h, tenantId, now.minus(Duration.ofDays(1)))),
                rate(auditTable.successCounts(h, tenantId, now.minus(Duration.ofDays(7)))),
                rate(auditTable.successCounts(h, tenantId, now.minus(Duration.ofDays(30)))),
                auditTable.averageDurationMs(h, tenantId, now.minus(Duration.ofDays(30))),
                engine.failures.frequency(h, tenantId, now))); // issue 24
    }

    private static Double rate(AuditTable.Outcomes outcomes) {
        return outcomes.finished() == 0 ? null : (double) outcomes.succeeded() / outcomes.finished();
    }

    // ---------------------------------------------------------------- dead letters

    /** Dead letters of one tenant, or of all tenants when {@code tenantId} is null. */
    public Page<io.scheduledreports.core.DeadLetter> deadLetters(
            String tenantId, io.scheduledreports.core.DeadLetterQuery q) {
        Rows.Counted<io.scheduledreports.core.DeadLetter> rows =
                tx.read(h -> deadLetterTable.listDeadLetters(h, tenantId, q));
        return new Page<>(rows.rows(), q.page().page(), q.page().size(), rows.total());
    }

    public Page<io.scheduledreports.core.DeadLetter> deadLetters(
            Actor actor, io.scheduledreports.core.DeadLetterQuery q) {
        requireAdmin(actor, "list dead letters");
        return deadLetters(actor.tenantId(), q);
    }

    /** Replays unresolved dead letters of the actor's tenant; returns how many were queued again. */
    public int retryDeadLetters(Actor actor, java.util.Collection<String> ids) {
        requireAdmin(actor, "retry dead letters");
        Instant now = now();
        int retried = tx.inTx(h -> {
            int n = 0;
            for (io.scheduledreports.core.DeadLetter dl :
                    deadLetterTable.deadLettersForUpdate(h, actor.tenantId(), ids)) {
                if (dl.status() != io.scheduledreports.core.DeadLetter.Status.UNRESOLVED) {
                    continue;
                }
                boolean requeued;
                if (dl.kind() == io.scheduledreports.core.DeadLetter.Kind.GENERATION) {
                    requeued = executionTable.requeueExecution(h, dl.executionId(), now);
                    if (requeued) {
                        engine.queueGeneration(dl.executionId(), Trigger.REPLAY, now);
                    }
                } else {
                    executionTable.executionForUpdate(h, dl.executionId());
                    requeued = deliveryTable.requeueDelivery(h, dl.deliveryId(), now);
                    if (requeued) {
                        executionTable.setExecutionStatus(h, dl.executionId(), ExecutionStatus.DELIVERING, now);
                        engine.queueDelivery(dl.deliveryId(), now, Trigger.SCHEDULED);
                    }
                }
                deadLetterTable.closeDeadLetter(
                        h,
                        dl.id(),
                        requeued ? DeadLetter.Status.RETRIED : DeadLetter.Status.RESOLVED,
                        requeued ? "retried" : "could not be replayed: the work is no longer in a failed state",
                        actor.userId(),
                        now);
                auditTable.audit(
                        h,
                        actor.tenantId(),
                        actor.userId(),
                        AuditAction.RETRY_DEAD_LETTER.name(),
                        "dead_letter",
                        dl.id(),
                        null,
                        Map.of("execution_id", dl.executionId(), "requeued", requeued),
                        now);
                n += requeued ? 1 : 0;
            }
            engine.alarms.rearm(h, actor.tenantId()); // issue 24
            return n;
        });
        engine.wakeUp();
        return retried;
    }

    /** Replays every unresolved dead letter of the actor's tenant matching the filter (issue 24). */
    public int retryDeadLetters(Actor actor, io.scheduledreports.core.DeadLetterQuery filter) {
        return engine.failures.retryAll(actor, Objects.requireNonNull(filter, "filter"), this);
    }

    /** Deletes every dead letter of the actor's tenant matching the filter, audited (issue 24). */
    public int deleteDeadLetters(Actor actor, io.scheduledreports.core.DeadLetterQuery filter) {
        return engine.failures.deleteAll(actor, Objects.requireNonNull(filter, "filter"));
    }

    /** The retry history of one dead letter (issue 24). */
    public List<io.scheduledreports.core.AttemptFailure> deadLetterHistory(Actor actor, String deadLetterId) {
        return engine.failures.history(actor, deadLetterId);
    }

    /** The delivery queue per channel (issue 24). */
    public io.scheduledreports.core.DeliveryQueueStatus deliveryQueue() {
        return engine.backlog.status();
    }

    /** Closes unresolved dead letters of the actor's tenant with a note; returns how many were closed. */
    public int resolveDeadLetters(Actor actor, java.util.Collection<String> ids, String note) {
        requireAdmin(actor, "resolve dead letters");
        if (note == null || note.isBlank()) {
            throw new ReportsValidationException("note", "must say why the dead letters are resolved");
        }
        Instant now = now();
        return tx.inTx(h -> {
            int n = 0;
            for (io.scheduledreports.core.DeadLetter dl :
                    deadLetterTable.deadLettersForUpdate(h, actor.tenantId(), ids)) {
                if (dl.status() == io.scheduledreports.core.DeadLetter.Status.UNRESOLVED) {
                    deadLetterTable.closeDeadLetter(
                            h, dl.id(), DeadLetter.Status.RESOLVED, note.strip(), actor.userId(), now);
                    auditTable.audit(
                            h,
                            actor.tenantId(),
                            actor.userId(),
                            AuditAction.RESOLVE_DEAD_LETTER.name(),
                            "dead_letter",
                            dl.id(),
                            null,
                            Map.of("note", note.strip()),
                            now);
                    n++;
                }
            }
            engine.alarms.rearm(h, actor.tenantId()); // issue 24
            return n;
        });
    }

    /** Deletes the actor's tenant's resolved and retried dead letters created before {@code olderThan}. */
    public int purgeResolvedDeadLetters(Actor actor, Instant olderThan) {
        requireAdmin(actor, "purge dead letters");
        Objects.requireNonNull(olderThan, "olderThan");
        Instant now = now();
        return tx.inTx(h -> {
            int n = deadLetterTable.purgeClosedDeadLetters(h, actor.tenantId(), olderThan);
            auditTable.audit(
                    h,
                    actor.tenantId(),
                    actor.userId(),
                    AuditAction.PURGE_DEAD_LETTERS.name(),
                    "dead_letter",
                    "*",
                    null,
                    Map.of("older_than", olderThan.toString(), "deleted", n),
                    now);
            return n;
        });
    }

    private static void requireAdmin(Actor actor, String what) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.isAdmin()) {
            throw new ReportsAccessDeniedException("only an admin may " + what);
        }
    }

    // ---------------------------------------------------------------- validation

    private ScheduledReport view(Handle h, ScheduleRow s, List<Recipient> recipients, Instant now) {
        return Views.schedule(
                s, recipients, now, engine.calendars.forTenant(h, s.tenantId()), engine.listings.runHealth(h, s.id()));
    }

    /**
     * The request's schedule as it will be stored: a holiday calendar it names is looked up again (and a stored
     * one locked) in the storing transaction, so that it cannot change or be deleted before the schedule is
     * committed; a change committed since the request was read is seen.
     */
    private ScheduleSpec scheduleInTx(Handle h, String tenantId, ScheduleSpec spec) {
        if (spec.holidayCalendarName().isEmpty()) {
            return spec;
        }
        return ScheduleSpec.fromJson(
                spec.toJson(),
                engine.calendars.lockForSchedule(
                        h, tenantId, spec.holidayCalendarName().get()));
    }

    private void validate(Actor actor, ScheduleRequest r) {
        r.schedule().holidayCalendarName().ifPresent(name -> {
            if (engine.calendars.forTenant(actor.tenantId()).find(name).isEmpty()) {
                throw new io.scheduledreports.core.schedule.InvalidScheduleException(
                        "holiday_calendar",
                        "unknown calendar '" + name + "'; store it (PUT /holiday-calendars/" + name
                                + ") or register it with the host first");
            }
        });
        if (r.name() == null || r.name().isBlank()) {
            throw new ReportsValidationException("name", "must not be blank");
        }
        if (r.name().length() > 200) {
            throw new ReportsValidationException(
                    "name", "must be at most 200 characters, was " + r.name().length());
        }
        if (r.ownerId() != null) {
            Actor.checkId("owner_id", r.ownerId(), Actor.MAX_USER_ID_LENGTH);
        }
        String locale = r.locale().toLanguageTag();
        if (locale.length() > MAX_LOCALE_LENGTH) {
            throw new ReportsValidationException(
                    "locale", "must be at most " + MAX_LOCALE_LENGTH + " characters, was " + locale.length());
        }
        checkParamSizes(r.reportParams());
        ReportType type = config.reportTypes().get(r.reportType());
        if (type == null) {
            throw new ReportsValidationException(
                    "report_type",
                    "unknown report type '" + r.reportType() + "'; registered: "
                            + config.reportTypes().keySet());
        }
        type.validateParameters(r.reportParams());
        for (ParameterSpec p : type.parameters()) {
            if (p.kind() == ParameterSpec.Kind.DATE_RANGE && r.reportParams().get(p.name()) instanceof String token) {
                RelativeDates.resolve(token, now(), r.schedule().zone(), "report_params." + p.name());
            }
        }
        if (!config.formatters().containsKey(r.outputFormat())) {
            throw new ReportsValidationException(
                    "output_format",
                    "unknown format '" + r.outputFormat() + "'; registered: "
                            + config.formatters().keySet());
        }
        // checked against the format of this request, so a changed format re-checks the options
        FormatSettings.validate(config.formatters().get(r.outputFormat()), r.formatOptions());
        Quotas.Limits limits = config.quotas().forTenant(actor.tenantId());
        if (r.recipients().size() > limits.maxRecipients()) {
            throw new ReportsQuotaExceededException(
                    "recipients",
                    "at most " + limits.maxRecipients() + " recipients per schedule, was "
                            + r.recipients().size());
        }
        for (int i = 0; i < r.recipients().size(); i++) {
            Recipient recipient = r.recipients().get(i);
            validateRecipient(actor.tenantId(), "recipients[" + i + "]", recipient);
            for (int j = 0; j < i; j++) {
                if (r.recipients().get(j).sameAddress(recipient)) {
                    throw new ReportsValidationException(
                            "recipients[" + i + "]",
                            "duplicate of recipients[" + j + "] (" + recipient.channel() + ":" + recipient.destination()
                                    + ")");
                }
            }
        }
        config.privacy().enforce(actor.tenantId(), r.recipients());
        r.deliveryOptions().forEach((channelId, options) -> {
            DeliveryChannel channel = config.channels().get(channelId);
            if (channel == null) {
                throw new ReportsValidationException(
                        "delivery_options." + channelId,
                        "unknown channel; registered: " + config.channels().keySet());
            }
            channel.validateOptions(options);
        });
        if (r.timeout() != null) {
            Duration max = MAX_SCHEDULE_TIMEOUT.compareTo(config.maxGenerationTimeout()) < 0
                    ? MAX_SCHEDULE_TIMEOUT
                    : config.maxGenerationTimeout();
            if (r.timeout().compareTo(MIN_SCHEDULE_TIMEOUT) < 0 || r.timeout().compareTo(max) > 0) {
                throw new ReportsValidationException(
                        "timeout",
                        "must be between " + Durations.format(MIN_SCHEDULE_TIMEOUT) + " and " + Durations.format(max)
                                + ", was " + Durations.format(r.timeout()));
            }
        }
        Duration interval = r.schedule().minimumInterval(now(), 50);
        if (interval.compareTo(limits.minInterval()) < 0) {
            throw new ReportsQuotaExceededException(
                    "schedule",
                    "runs as often as every " + Durations.format(interval)
                            + ", more often than the minimum interval of " + Durations.format(limits.minInterval()));
        }
        config.authorizer().authorize(actor, r.reportType(), r.reportParams(), r.recipients());
    }

    /** Bounds the parameters before a report type sees them: string lengths, list sizes, total JSON size. */
    private static void checkParamSizes(Map<String, Object> params) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String field = "report_params." + e.getKey();
            if (e.getKey().length() > 100) {
                throw new ReportsValidationException(
                        "report_params",
                        "parameter names must be at most 100 characters, was "
                                + e.getKey().length());
            }
            checkParamValue(field, e.getValue());
        }
        int json = Json.write(params).length();
        if (json > MAX_PARAMS_JSON_LENGTH) {
            throw new ReportsValidationException(
                    "report_params", "must be at most " + MAX_PARAMS_JSON_LENGTH + " characters as JSON, was " + json);
        }
    }

    private static void checkParamValue(String field, Object value) {
        if (value instanceof CharSequence s && s.length() > MAX_PARAM_STRING_LENGTH) {
            throw new ReportsValidationException(
                    field, "must be at most " + MAX_PARAM_STRING_LENGTH + " characters, was " + s.length());
        }
        if (value instanceof java.util.Collection<?> list) {
            if (list.size() > MAX_PARAM_LIST_SIZE) {
                throw new ReportsValidationException(
                        field, "must have at most " + MAX_PARAM_LIST_SIZE + " elements, was " + list.size());
            }
            int i = 0;
            for (Object element : list) {
                checkParamValue(field + "[" + i++ + "]", element);
            }
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                checkParamValue(field + "." + e.getKey(), e.getValue());
            }
        }
    }

    private void validateRecipient(String tenantId, String field, Recipient r) {
        DeliveryChannel channel = config.channels().get(r.channel());
        if (channel == null) {
            throw new ReportsValidationException(
                    field + ".channel",
                    "unknown channel '" + r.channel() + "'; registered: "
                            + config.channels().keySet());
        }
        try {
            channel.validateRecipient(tenantId, r);
        } catch (ReportsValidationException e) {
            // channels name "recipients.destination"; the caller needs to know which recipient
            if (!field.equals("recipients") && e.field().startsWith("recipients.")) {
                String problem = e.getMessage().substring(e.field().length() + 2);
                throw new ReportsValidationException(field + e.field().substring("recipients".length()), problem, e);
            }
            throw e;
        }
    }

    /**
     * Refuses a manual run while one of the schedule is in progress (409), within the schedule's cooldown or
     * above the tenant's hourly cap (429). Runs under the schedule's row lock and the tenant's lock, so concurrent
     * requests are counted one after the other.
     */
    private void checkManualRunAllowed(Handle h, ScheduleRow s, Instant now) {
        java.util.Optional<String> inProgress = executionTable.activeExecution(h, s.id(), Trigger.MANUAL);
        if (inProgress.isPresent()) {
            throw new ReportsRunInProgressException(s.id(), inProgress.get());
        }
        ManualRunLimits limits = config.manualRuns();
        if (!limits.cooldown().isZero()) {
            java.util.Optional<Instant> last = executionTable.lastManualRun(h, s.id());
            if (last.isPresent() && now.isBefore(last.get().plus(limits.cooldown()))) {
                throw new ReportsRateLimitedException(
                        "manual_runs.cooldown",
                        "a schedule may be run by hand once every " + Durations.format(limits.cooldown())
                                + "; this one was run at "
                                + last.get(),
                        Duration.between(now, last.get().plus(limits.cooldown())));
            }
        }
        scheduleTable.lockTenant(h, s.tenantId(), now);
        Duration hour = Duration.ofHours(1);
        List<Instant> lastHour =
                executionTable.manualRunsSince(h, s.tenantId(), now.minus(hour), limits.maxPerTenantPerHour());
        if (lastHour.size() >= limits.maxPerTenantPerHour()) {
            throw new ReportsRateLimitedException(
                    "manual_runs.per_tenant_per_hour",
                    "at most " + limits.maxPerTenantPerHour() + " manual runs per tenant in an hour; '" + s.tenantId()
                            + "' has " + lastHour.size(),
                    Duration.between(now, lastHour.get(0).plus(hour)));
        }
    }

    private void checkActiveQuota(Handle h, String tenantId, String owner) {
        scheduleTable.lockTenant(h, tenantId, now());
        checkActiveCounts(h, tenantId, owner);
    }

    /** The active-schedule quotas, without the tenant lock (preview: reads only). */
    private void checkActiveCounts(Handle h, String tenantId, String owner) {
        Quotas.Limits limits = config.quotas().forTenant(tenantId);
        long ofOwner = scheduleTable.countActiveSchedules(h, tenantId, owner);
        if (ofOwner >= limits.maxSchedulesPerOwner()) {
            throw new ReportsQuotaExceededException(
                    "owner_id",
                    "at most " + limits.maxSchedulesPerOwner() + " active schedules per owner; '" + owner + "' has "
                            + ofOwner);
        }
        long ofTenant = scheduleTable.countActiveSchedules(h, tenantId, null);
        if (ofTenant >= limits.maxSchedulesPerTenant()) {
            throw new ReportsQuotaExceededException(
                    "tenant_id",
                    "at most " + limits.maxSchedulesPerTenant() + " active schedules per tenant; '" + tenantId
                            + "' has " + ofTenant);
        }
    }

    private static Instant firstRun(ScheduleSpec spec, Instant now) {
        return spec.nextRun(now)
                .orElseThrow(() -> new ReportsValidationException("schedule", "has no run after " + now));
    }

    private static String ownerOf(Actor actor, ScheduleRequest r, String current) {
        String requested = r.ownerId() == null ? (current == null ? actor.userId() : current) : r.ownerId();
        if (!requested.equals(actor.userId()) && !requested.equals(current) && !actor.isAdmin()) {
            throw new ReportsAccessDeniedException(
                    "only an admin may give a schedule to another owner ('" + requested + "')");
        }
        return requested;
    }

    private static void requireOwnerOrAdmin(Actor actor, ScheduleRow s) {
        if (!actor.isAdmin() && !actor.userId().equals(s.ownerId())) {
            throw new ReportsAccessDeniedException("schedule '" + s.id() + "' belongs to '" + s.ownerId()
                    + "'; only its owner or an admin may change it");
        }
    }

    private ScheduleRow visible(Handle h, Actor actor, String id) {
        Objects.requireNonNull(actor, "actor");
        return scheduleTable
                .schedule(h, actor.tenantId(), id)
                .filter(s -> mayRead(h, actor, s))
                .orElseThrow(() -> new ReportsNotFoundException("schedule", id));
    }

    private ScheduleRow lockVisible(Handle h, Actor actor, String id) {
        Objects.requireNonNull(actor, "actor");
        return scheduleTable
                .scheduleForUpdate(h, id)
                .filter(s -> s.tenantId().equals(actor.tenantId()) && !"DELETED".equals(s.status()))
                .filter(s -> mayRead(h, actor, s))
                .orElseThrow(() -> new ReportsNotFoundException("schedule", id));
    }

    private ScheduledReport audited(Handle h, Actor actor, AuditAction action, ScheduleRow before, Instant now) {
        ScheduleRow after = scheduleTable.schedule(h, before.id()).orElseThrow();
        List<Recipient> recipients = recipientTable.recipients(h, before.id());
        auditTable.audit(
                h,
                before.tenantId(),
                actor.userId(),
                action.name(),
                "schedule",
                before.id(),
                Map.of("status", before.status()),
                Map.of("status", after.status()),
                now);
        return view(h, after, recipients, now);
    }

    private static ScheduleRow row(
            String id,
            String tenantId,
            String owner,
            String createdBy,
            String updatedBy,
            ScheduleRequest r,
            String status,
            Instant next,
            Instant lastRun,
            Instant lastSuccess,
            Instant pausedAt,
            Instant deletedAt,
            long version,
            Instant createdAt,
            Instant updatedAt,
            String pausedReason) {
        return new ScheduleRow(
                id,
                tenantId,
                owner,
                createdBy,
                updatedBy,
                r.name().strip(),
                r.reportType(),
                Json.write(r.reportParams()),
                r.outputFormat(),
                r.schedule().toJson(),
                r.schedule().zone().getId(),
                r.locale().toLanguageTag(),
                r.misfirePolicy().name(),
                Json.write(r.deliveryOptions()),
                r.emptyReportPolicy().name(),
                r.timeout() == null ? null : (int) r.timeout().toSeconds(),
                status,
                next,
                lastRun,
                lastSuccess,
                pausedAt,
                deletedAt,
                version,
                createdAt,
                updatedAt,
                r.overlapPolicy().name(),
                Json.write(r.formatOptions()),
                pausedReason);
    }
}
