package io.scheduledreports.core.internal;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letter alerts, once per crossing across the cluster: a tenant's unresolved dead letters <em>reaching</em> the
 * threshold (also when a concurrent burst jumps past it: the instance whose {@code ops_alerts} row is inserted
 * first tells the listeners, the others see the row), and unresolved dead letters above the cap, which the cap never
 * deletes. An alert is re-armed when its count is below the limit again (checked at every new dead letter, after
 * bulk operations and by the minute maintenance).
 */
final class DeadLetterAlarms {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterAlarms.class);
    static final String THRESHOLD = "dead-letters:";
    static final String CAP = "dead-letter-cap:";

    private final Engine engine;
    private final OpsStore ops;

    DeadLetterAlarms(Engine engine, OpsStore ops) {
        this.engine = engine;
        this.ops = ops;
    }

    /** After a dead letter of the tenant was committed. */
    void afterDeadLetter(String tenantId) {
        int threshold = engine.config.deadLetterAlertThreshold();
        long unresolved = engine.tx.read(h -> ops.countUnresolved(h, tenantId));
        if (unresolved < threshold) {
            engine.tx.useTx(h -> ops.clearIfUnresolvedBelow(h, THRESHOLD + tenantId, tenantId, threshold));
            return;
        }
        if (raise(THRESHOLD + tenantId, unresolved)) {
            LOG.warn(
                    "Tenant {} has {} unresolved dead letters, reaching the alert threshold of {}",
                    tenantId,
                    unresolved,
                    threshold);
            engine.events.publish(l -> l.deadLetterThresholdExceeded(tenantId, unresolved));
        }
    }

    /** Re-arms the tenant's threshold alert when its count went below the threshold (after resolving, deleting). */
    void rearm(Handle h, String tenantId) {
        ops.clearIfUnresolvedBelow(h, THRESHOLD + tenantId, tenantId, engine.config.deadLetterAlertThreshold());
    }

    /** Maintenance: re-arms cleared alerts and alerts on tenants whose unresolved dead letters exceed the cap. */
    void maintain(Instant now) {
        int cap = engine.config.deadLetterCap();
        Map<String, Long> overCap = engine.tx.read(h -> ops.tenantsWithUnresolvedAbove(h, cap));
        engine.tx.useTx(h -> {
            for (String key : ops.raised(h, THRESHOLD)) {
                rearm(h, key.substring(THRESHOLD.length()));
            }
            for (String key : ops.raised(h, CAP)) {
                if (!overCap.containsKey(key.substring(CAP.length()))) {
                    ops.clear(h, key);
                }
            }
        });
        overCap.forEach((tenantId, unresolved) -> {
            if (raise(CAP + tenantId, unresolved)) {
                LOG.error(
                        "Tenant {} has {} unresolved dead letters, above the cap of {}: none is dropped (only"
                                + " resolved and retried ones are); resolve, retry or delete them",
                        tenantId,
                        unresolved,
                        cap);
                engine.events.publish(l -> l.deadLetterCapExceeded(tenantId, unresolved, cap));
            }
        });
    }

    /** Inserts the alert row in its own transaction; false when another crossing or instance holds it. */
    private boolean raise(String key, long value) {
        Instant now = engine.config.clock().instant();
        try {
            return engine.tx.inTx(h -> ops.raise(h, key, value, now));
        } catch (RuntimeException duplicate) {
            // a concurrent instance inserted the same key first: it tells the listeners
            LOG.debug("Alert {} raised concurrently elsewhere: {}", key, duplicate.toString());
            return false;
        }
    }
}
