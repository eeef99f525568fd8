package io.scheduledreports.delivery.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TransportPoolTest {

    private final List<FakeTransport> opened = new ArrayList<>();
    private Instant now = Instant.parse("2026-03-02T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private TransportPool pool(int maxIdle, Duration idleTimeout) {
        return new TransportPool(
                () -> {
                    synchronized (opened) {
                        FakeTransport transport = new FakeTransport();
                        opened.add(transport);
                        return transport;
                    }
                },
                maxIdle,
                idleTimeout,
                clock);
    }

    @Test
    void reusesAReturnedConnection() throws Exception {
        TransportPool pool = pool(2, Duration.ofSeconds(30));

        Transport first = pool.borrow();
        pool.giveBack(first);
        Transport second = pool.borrow();

        assertThat(second).isSameAs(first);
        assertThat(opened).hasSize(1);
    }

    @Test
    void closesAndReplacesAConnectionIdleForTooLong() throws Exception {
        TransportPool pool = pool(2, Duration.ofSeconds(30));
        Transport first = pool.borrow();
        pool.giveBack(first);

        now = now.plusSeconds(30);
        Transport second = pool.borrow();

        assertThat(second).isNotSameAs(first);
        assertThat(((FakeTransport) first).closed).isTrue();
    }

    @Test
    void replacesAConnectionTheServerDropped() throws Exception {
        TransportPool pool = pool(2, Duration.ofSeconds(30));
        FakeTransport first = (FakeTransport) pool.borrow();
        pool.giveBack(first);
        first.alive = false;

        assertThat(pool.borrow()).isNotSameAs(first);
        assertThat(first.closed).isTrue();
    }

    @Test
    void keepsNoMoreThanMaxIdleConnections() throws Exception {
        TransportPool pool = pool(1, Duration.ofSeconds(30));
        Transport a = pool.borrow();
        Transport b = pool.borrow();

        pool.giveBack(a);
        pool.giveBack(b);

        assertThat(pool.idleCount()).isEqualTo(1);
        assertThat(((FakeTransport) b).closed).isTrue();
    }

    @Test
    void aZeroIdleTimeoutDisablesReuse() throws Exception {
        TransportPool pool = pool(4, Duration.ZERO);
        Transport a = pool.borrow();
        pool.giveBack(a);

        assertThat(pool.idleCount()).isZero();
        assertThat(((FakeTransport) a).closed).isTrue();
    }

    @Test
    void closingClosesIdleConnectionsAndRefusesBorrowing() throws Exception {
        TransportPool pool = pool(2, Duration.ofSeconds(30));
        Transport a = pool.borrow();
        pool.giveBack(a);

        pool.close();

        assertThat(((FakeTransport) a).closed).isTrue();
        assertThatThrownBy(pool::borrow).isInstanceOf(IllegalStateException.class);
        Transport late = new FakeTransport();
        pool.giveBack(late);
        assertThat(((FakeTransport) late).closed).as("returned after close").isTrue();
    }

    @Test
    void neverHandsOneConnectionToTwoThreads() throws Exception {
        TransportPool pool = pool(4, Duration.ofSeconds(30));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(threads.submit(() -> {
                    for (int j = 0; j < 500; j++) {
                        FakeTransport t = (FakeTransport) pool.borrow();
                        if (!t.inUse.compareAndSet(false, true)) {
                            throw new AssertionError("transport handed out twice");
                        }
                        t.inUse.set(false);
                        pool.giveBack(t);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(opened.size()).isLessThanOrEqualTo(8 + 4);
    }

    private static final class FakeTransport extends Transport {
        volatile boolean alive = true;
        volatile boolean closed;
        final java.util.concurrent.atomic.AtomicBoolean inUse = new java.util.concurrent.atomic.AtomicBoolean();

        FakeTransport() {
            super(Session.getInstance(new Properties()), null);
        }

        @Override
        public boolean isConnected() {
            return alive && !closed;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void sendMessage(Message message, Address[] addresses) {}
    }
}
