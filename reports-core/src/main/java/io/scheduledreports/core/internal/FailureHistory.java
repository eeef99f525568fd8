package io.scheduledreports.core.internal;

import io.scheduledreports.core.AttemptFailure;
import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.core.DeadLetterQuery;
import io.scheduledreports.core.ErrorFrequency;
import io.scheduledreports.core.ReportsNotFoundException;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Failed attempts kept per execution and delivery: the retry history of dead letters, error frequency per
 * category, and the bulk dead-letter operations by filter.
 */
final class FailureHistory {

    /** Failed attempts older than this are purged unless a dead letter still refers to them. */
    static final Duration KEEP = Duration.ofDays(31);

    /** Dead letters handled per transaction by the bulk operations. */
    static final int BATCH = 200;

    private final Engine engine;
    private final OpsStore ops;

    FailureHistory(Engine engine, OpsStore ops) {
        this.engine = engine;
        this.ops = ops;
    }

    /** Inside the transaction that records the failed attempt. */
    void record(
            Handle h,
            String tenantId,
            String executionId,
            String deliveryId,
            int attempt,
            ErrorCategory category,
            String message,
            Instant at) {
        ops.recordFailure(
                h,
                tenantId,
                executionId,
                deliveryId,
                deliveryId == null ? "GENERATION" : "DELIVERY",
                attempt,
                category,
                message,
                at);
    }

    ErrorFrequency frequency(Handle h, String tenantId, Instant now) {
        return new ErrorFrequency(
                ops.failuresByCategory(h, tenantId, now.minus(Duration.ofDays(1))),
                ops.failuresByCategory(h, tenantId, now.minus(Duration.ofDays(7))),
                ops.failuresByCategory(h, tenantId, now.minus(Duration.ofDays(30))));
    }

    /** The retry history of a dead letter of the actor's tenant (admins only), oldest first. */
    List<AttemptFailure> history(Actor actor, String deadLetterId) {
        requireAdmin(actor, "read dead letters");
        return engine.tx.inTx(h -> {
            List<DeadLetter> found =
                    engine.deadLetterTable.deadLettersForUpdate(h, actor.tenantId(), List.of(deadLetterId));
            if (found.isEmpty()) {
                throw new ReportsNotFoundException("dead letter", deadLetterId);
            }
            DeadLetter dl = found.get(0);
            return ops.failures(h, dl.tenantId(), dl.executionId(), dl.deliveryId());
        });
    }

    /** Replays every unresolved dead letter of the actor's tenant matching the filter; returns how many. */
    int retryAll(Actor actor, DeadLetterQuery filter, Operations operations) {
        requireAdmin(actor, "retry dead letters");
        DeadLetterQuery unresolved = new DeadLetterQuery(
                filter.scheduleId(), filter.category(), DeadLetter.Status.UNRESOLVED, filter.from(), filter.to(), null);
        if (filter.status() != null && filter.status() != DeadLetter.Status.UNRESOLVED) {
            return 0; // only unresolved dead letters can be replayed
        }
        int total = 0;
        List<String> seen = new ArrayList<>();
        while (true) {
            List<String> ids = engine.tx.read(h -> ops.deadLetterIds(h, actor.tenantId(), unresolved, BATCH));
            ids.removeAll(seen); // a dead letter that could not be replayed is closed, so this ends
            if (ids.isEmpty()) {
                return total;
            }
            seen.addAll(ids);
            total += operations.retryDeadLetters(actor, ids);
        }
    }

    /** Deletes every dead letter of the actor's tenant matching the filter, audited; returns how many. */
    int deleteAll(Actor actor, DeadLetterQuery filter) {
        requireAdmin(actor, "delete dead letters");
        Instant now = engine.config.clock().instant();
        int total = 0;
        while (true) {
            int deleted = engine.tx.inTx(h -> {
                List<String> ids = ops.deadLetterIds(h, actor.tenantId(), filter, BATCH);
                return ops.deleteDeadLetters(h, ids);
            });
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        int n = total;
        engine.tx.useTx(h -> {
            engine.auditTable.audit(
                    h,
                    actor.tenantId(),
                    actor.userId(),
                    "DELETE_DEAD_LETTERS",
                    "dead_letter",
                    "*",
                    null,
                    describe(filter, n),
                    now);
            engine.alarms.rearm(h, actor.tenantId());
        });
        return total;
    }

    /**
     * The tenant's admins' addresses when the execution failed for good with a CONFIGURATION error (its generation
     * or one of its deliveries); empty otherwise or when none are configured.
     */
    List<String> tenantAdminsToTell(Handle h, String executionId, String tenantId) {
        boolean configuration = engine.executionTable
                        .execution(h, executionId)
                        .map(e -> e.errorCategory() == ErrorCategory.CONFIGURATION)
                        .orElse(false)
                || engine.deliveryTable.deliveries(h, executionId).stream()
                        .anyMatch(d -> "FAILED".equals(d.status()) && d.errorCategory() == ErrorCategory.CONFIGURATION);
        if (!configuration) {
            return List.of();
        }
        try {
            List<String> admins = engine.config.ops().tenantAdmins().addressesOf(tenantId);
            return admins == null ? List.of() : admins;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(FailureHistory.class)
                    .warn("Tenant admin address lookup failed for tenant {}; admins not told", tenantId, e);
            return List.of();
        }
    }

    /** Stores the timeout an attempt of the execution runs under. */
    void recordTimeout(Handle h, String executionId, Duration timeout) {
        ops.setTimeout(h, executionId, timeout.toSeconds());
    }

    /** From the minute maintenance; purges at most once an hour. */
    void purge(Handle h, Instant now) {
        Instant last = lastPurge;
        if (last != null && last.plus(Duration.ofHours(1)).isAfter(now) && !last.isAfter(now)) {
            return;
        }
        lastPurge = now;
        ops.purgeFailures(h, now.minus(KEEP));
    }

    private volatile Instant lastPurge;

    private static Map<String, Object> describe(DeadLetterQuery q, int deleted) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("deleted", deleted);
        if (q.scheduleId() != null) {
            m.put("schedule_id", q.scheduleId());
        }
        if (q.category() != null) {
            m.put("category", q.category().name());
        }
        if (q.status() != null) {
            m.put("status", q.status().name());
        }
        if (q.from() != null) {
            m.put("from", q.from().toString());
        }
        if (q.to() != null) {
            m.put("to", q.to().toString());
        }
        return m;
    }

    private static void requireAdmin(Actor actor, String what) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.isAdmin()) {
            throw new ReportsAccessDeniedException("only an admin may " + what);
        }
    }
}
