package io.scheduledreports.core.internal;

import com.github.kagkarlsson.scheduler.task.Priority;
import io.scheduledreports.core.DeliveryQueueLimits;
import io.scheduledreports.core.DeliveryQueueStatus;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery queue per channel (seed 004, R9.7-9.10): pending deliveries counted across the cluster (cached for
 * {@link #CACHE}), generations deferred while a channel of their schedule is full, manual runs' deliveries ahead of
 * scheduled ones, and a backlog event once per crossing of the alert threshold.
 */
final class DeliveryBacklog {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBacklog.class);
    static final Duration CACHE = Duration.ofSeconds(5);
    static final String ALERT = "delivery-backlog:";

    /**
     * Deliveries of manual runs and replays go before those of scheduled runs (and before timers: a person is
     * waiting for them); scheduled deliveries keep {@link Engine#DELIVERY_PRIORITY}.
     */
    static final int MANUAL_DELIVERY_PRIORITY = Priority.HIGH + 10;

    private record Counted(Instant at, Map<String, Long> counts) {}

    private final Engine engine;
    private final OpsStore ops;
    private final AtomicReference<Counted> last = new AtomicReference<>();

    DeliveryBacklog(Engine engine, OpsStore ops) {
        this.engine = engine;
        this.ops = ops;
    }

    static int priority(Trigger trigger) {
        return trigger == Trigger.MANUAL || trigger == Trigger.REPLAY
                ? MANUAL_DELIVERY_PRIORITY
                : Engine.DELIVERY_PRIORITY;
    }

    DeliveryQueueLimits limits() {
        return engine.config.ops().deliveryQueue();
    }

    /** Pending deliveries per channel, at most {@link #CACHE} old. */
    Map<String, Long> counts() {
        Instant now = engine.config.clock().instant();
        Counted c = last.get();
        if (c == null || c.at().plus(CACHE).isBefore(now) || c.at().isAfter(now)) {
            c = new Counted(now, Map.copyOf(engine.tx.read(ops::pendingDeliveriesByChannel)));
            last.set(c);
        }
        return c.counts();
    }

    /** Forgets the cached counts (tests, and after a maintenance count). */
    void invalidate() {
        last.set(null);
    }

    DeliveryQueueStatus status() {
        return new DeliveryQueueStatus(counts(), limits());
    }

    /**
     * The full channels a generation of this schedule would deliver through, or empty when it may run. Reads the
     * recipients only when some channel is full.
     */
    Set<String> fullChannelsOf(String scheduleId) {
        int max = limits().maxPendingPerChannel();
        Set<String> full = new TreeSet<>();
        counts().forEach((channel, n) -> {
            if (n >= max) {
                full.add(channel);
            }
        });
        if (full.isEmpty()) {
            return full;
        }
        List<Recipient> recipients = engine.tx.read(h -> engine.recipientTable.recipients(h, scheduleId));
        Set<String> used = new TreeSet<>();
        recipients.forEach(r -> used.add(r.channel()));
        full.retainAll(used);
        if (!full.isEmpty()) {
            LOG.info(
                    "Generation of schedule {} deferred: delivery queue of {} at or above {} pending",
                    scheduleId,
                    full,
                    max);
        }
        return full;
    }

    /** Maintenance: counts afresh and tells listeners once per crossing of the alert threshold, per channel. */
    void maintain(Instant now) {
        invalidate();
        Map<String, Long> counts = counts();
        int threshold = limits().alertThreshold();
        engine.tx.useTx(h -> {
            for (String key : ops.raised(h, ALERT)) {
                if (counts.getOrDefault(key.substring(ALERT.length()), 0L) <= threshold) {
                    ops.clear(h, key);
                }
            }
        });
        counts.forEach((channel, pending) -> {
            if (pending > threshold && raise(ALERT + channel, pending, now)) {
                LOG.warn(
                        "Delivery backlog of channel '{}' is {} pending, above the alert threshold of {}",
                        channel,
                        pending,
                        threshold);
                engine.events.publish(l -> l.deliveryBacklogHigh(channel, pending, threshold));
            }
        });
    }

    private boolean raise(String key, long value, Instant now) {
        try {
            return engine.tx.inTx(h -> ops.raise(h, key, value, now));
        } catch (RuntimeException duplicate) {
            return false;
        }
    }
}
