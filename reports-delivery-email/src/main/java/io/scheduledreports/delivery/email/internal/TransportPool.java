package io.scheduledreports.delivery.email.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps up to {@code maxIdle} connected transports for a short idle time so a batch of deliveries (one per
 * recipient) shares connections instead of opening one each. Thread-safe: a transport is used by one thread
 * at a time, between {@link #borrow()} and {@link #giveBack}/{@link #discard}.
 *
 * <p>No background thread: expired connections are closed when the pool is next used, and all of them on
 * {@link #close()}. A reused connection is checked with a NOOP first (what {@link Transport#isConnected()}
 * does for SMTP), so one the server dropped is replaced, not failed on. A transport that saw any error is
 * discarded, never reused.
 */
public final class TransportPool implements AutoCloseable {

    /** Opens and authenticates a new connection. */
    @FunctionalInterface
    public interface Connector {
        /** A connected transport. */
        Transport connect() throws MessagingException;
    }

    private static final Logger log = LoggerFactory.getLogger(TransportPool.class);

    private record Idle(Transport transport, Instant since) {}

    private final Connector connector;
    private final int maxIdle;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Deque<Idle> idle = new ArrayDeque<>(); // guarded by this; newest first
    private boolean closed; // guarded by this

    /**
     * @param connector opens new connections
     * @param maxIdle most idle connections kept; 0 disables reuse
     * @param idleTimeout how long one is kept; zero disables reuse
     * @param clock for idle times
     */
    public TransportPool(Connector connector, int maxIdle, Duration idleTimeout, Clock clock) {
        this.connector = connector;
        this.maxIdle = idleTimeout.isZero() ? 0 : maxIdle;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** A connected transport: a live idle one, or a new one. */
    public Transport borrow() throws MessagingException {
        while (true) {
            Idle candidate;
            List<Transport> expired;
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the e-mail channel is closed");
                }
                expired = takeExpired();
                candidate = idle.pollFirst();
            }
            expired.forEach(TransportPool::closeQuietly);
            if (candidate == null) {
                return connector.connect();
            }
            if (candidate.transport().isConnected()) { // NOOP round trip for SMTP
                return candidate.transport();
            }
            log.debug("Idle SMTP connection was dropped by the server; opening a new one");
            closeQuietly(candidate.transport());
        }
    }

    /** Returns a transport that worked; kept for reuse if there is room, closed otherwise. */
    public void giveBack(Transport transport) {
        List<Transport> toClose;
        synchronized (this) {
            toClose = takeExpired();
            if (!closed && idle.size() < maxIdle) {
                idle.addFirst(new Idle(transport, clock.instant()));
            } else {
                toClose.add(transport);
            }
        }
        toClose.forEach(TransportPool::closeQuietly);
    }

    /** Closes a transport that failed. */
    public void discard(Transport transport) {
        closeQuietly(transport);
    }

    /** Number of idle connections now (for tests and metrics). */
    public synchronized int idleCount() {
        return idle.size();
    }

    /** Closes every idle connection; later borrows fail. */
    @Override
    public void close() {
        List<Transport> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.forEach(i -> toClose.add(i.transport()));
            idle.clear();
        }
        toClose.forEach(TransportPool::closeQuietly);
    }

    private List<Transport> takeExpired() {
        List<Transport> expired = new ArrayList<>();
        Instant now = clock.instant();
        idle.removeIf(i -> {
            boolean old = !i.since().plus(idleTimeout).isAfter(now);
            if (old) {
                expired.add(i.transport());
            }
            return old;
        });
        return expired;
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed", e);
        }
    }
}
