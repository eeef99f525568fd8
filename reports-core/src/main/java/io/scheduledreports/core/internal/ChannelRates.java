package io.scheduledreports.core.internal;

import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.jdbc.TableNames;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide per-channel rate limits on two tables. {@code channel_rate_windows} counts the sends granted per
 * (channel, key, window); a grant is one compare-and-set on that count (or the insert of the window's row), so
 * instances never grant more than the limit between them. A delivery whose turn falls in a later window keeps it in
 * {@code channel_rate_reservations} and is rescheduled to it: turns are handed out in the order deliveries ask, and
 * spread evenly over their window, so a backlog drains in order at the configured rate.
 */
final class ChannelRates {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRates.class);
    private static final int MAX_RACES = 200;

    private record Window(Instant start, int used) {}

    /**
     * When a delivery may send.
     *
     * @param at the time of its turn
     * @param reserved whether the turn lies ahead (the delivery waits until {@code at})
     */
    record Turn(Instant at, boolean reserved) {}

    private final TableNames t;
    private final Tx tx;

    ChannelRates(TableNames tables, Tx tx) {
        this.t = tables;
        this.tx = tx;
    }

    /** The turn a delivery reserved earlier, if any. */
    Optional<Instant> reservation(String deliveryId) {
        return tx.read(
                h -> h.createQuery("SELECT due_at FROM " + t.channelRateReservations() + " WHERE delivery_id = :id")
                        .bind("id", deliveryId)
                        .mapTo(Instant.class)
                        .findOne());
    }

    /** Drops a delivery's reservation once its turn came (it is then sending or gone). */
    void release(String deliveryId) {
        tx.single(h -> h.createUpdate("DELETE FROM " + t.channelRateReservations() + " WHERE delivery_id = :id")
                .bind("id", deliveryId)
                .execute());
    }

    /**
     * Takes the next free turn of (channel, key): in the current window a delivery sends now; otherwise it gets
     * the next turn of the first window with room, {@code window / maxSends} apart, and a reservation.
     */
    Turn take(String channel, String key, ChannelRateLimit limit, Instant now, String deliveryId) {
        long windowMs = limit.window().toMillis();
        Instant current = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowMs) * windowMs);
        for (int race = 0; race < MAX_RACES; race++) {
            List<Window> windows = tx.read(h -> h.createQuery("SELECT window_start, used FROM "
                            + t.channelRateWindows()
                            + " WHERE channel = :c AND rate_key = :k AND window_start >= :from ORDER BY window_start")
                    .bind("c", channel)
                    .bind("k", key)
                    .bind("from", current)
                    .map((rs, ctx) -> new Window(
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "window_start", ctx),
                            rs.getInt("used")))
                    .list());
            Instant start = current;
            Integer seen = null;
            for (Window w : windows) {
                if (w.start().isAfter(start)) {
                    break; // a gap: this window has no row yet
                }
                if (w.start().equals(start)) {
                    if (w.used() < limit.maxSends()) {
                        seen = w.used();
                        break;
                    }
                    start = start.plusMillis(windowMs);
                }
            }
            int index;
            if (seen == null) {
                if (!insertWindow(channel, key, start)) {
                    continue; // another instance opened this window first
                }
                index = 0;
            } else {
                int expected = seen;
                Instant windowStart = start;
                boolean granted = tx.single(h -> h.createUpdate("UPDATE " + t.channelRateWindows()
                                        + " SET used = :next WHERE channel = :c AND rate_key = :k"
                                        + " AND window_start = :w AND used = :seen")
                                .bind("next", expected + 1)
                                .bind("c", channel)
                                .bind("k", key)
                                .bind("w", windowStart)
                                .bind("seen", expected)
                                .execute())
                        == 1;
                if (!granted) {
                    continue;
                }
                index = expected;
            }
            if (start.equals(current)) {
                return new Turn(now, false);
            }
            Instant at = start.plusMillis(index * windowMs / limit.maxSends());
            tx.single(h -> h.createUpdate("INSERT INTO " + t.channelRateReservations()
                            + " (delivery_id, channel, rate_key, due_at) VALUES (:id, :c, :k, :at)")
                    .bind("id", deliveryId)
                    .bind("c", channel)
                    .bind("k", key)
                    .bind("at", at)
                    .execute());
            return new Turn(at, true);
        }
        // extreme contention: wait a window without a turn and ask again then
        LOG.warn(
                "Rate limit of channel '{}' key '{}': no turn after {} races; trying again later",
                channel,
                key,
                MAX_RACES);
        return new Turn(current.plusMillis(windowMs), true);
    }

    /** Removes windows and reservations older than {@code before} (maintenance). */
    int purge(Handle h, Instant before) {
        int windows = h.createUpdate("DELETE FROM " + t.channelRateWindows() + " WHERE window_start < :b")
                .bind("b", before)
                .execute();
        int reservations = h.createUpdate("DELETE FROM " + t.channelRateReservations() + " WHERE due_at < :b")
                .bind("b", before)
                .execute();
        return windows + reservations;
    }

    private boolean insertWindow(String channel, String key, Instant start) {
        try {
            return tx.single(h -> h.createUpdate("INSERT INTO " + t.channelRateWindows()
                                    + " (channel, rate_key, window_start, used) VALUES (:c, :k, :w, 1)")
                            .bind("c", channel)
                            .bind("k", key)
                            .bind("w", start)
                            .execute())
                    == 1;
        } catch (StatementException taken) {
            return false;
        }
    }
}
