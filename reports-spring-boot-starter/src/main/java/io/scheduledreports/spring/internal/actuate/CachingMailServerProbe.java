package io.scheduledreports.spring.internal.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link MailServerProbe} that asks the mail server at most once per cache duration, on its own background
 * thread, one check at a time. A health request gets the cached status; when it is stale, the request waits for
 * a fresh check at most {@code timeout} and then answers DOWN while the check goes on. So a hanging mail server
 * never holds {@code /actuator/health}, and a busy health endpoint never opens one SMTP login per request.
 */
public final class CachingMailServerProbe implements MailServerProbe, AutoCloseable {

    private final MailServerProbe delegate;
    private final long ttlNanos;
    private final Duration timeout;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reports-smtp-health");
        t.setDaemon(true);
        return t;
    });
    private volatile Status last;
    private volatile long lastAt;
    private CompletableFuture<Status> inFlight;

    /**
     * Wraps a probe.
     *
     * @param delegate the probe that talks to the server
     * @param cacheDuration how long a result is reused
     * @param timeout how long a request waits for a fresh result
     */
    public CachingMailServerProbe(MailServerProbe delegate, Duration cacheDuration, Duration timeout) {
        this.delegate = delegate;
        this.ttlNanos = cacheDuration.toNanos();
        this.timeout = timeout;
    }

    @Override
    public Status probe() {
        Status cached = last;
        if (cached != null && System.nanoTime() - lastAt < ttlNanos) {
            return cached;
        }
        try {
            return refresh().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            Map<String, String> details = new LinkedHashMap<>(cached == null ? Map.of() : cached.details());
            details.put(
                    "error",
                    "the mail server did not answer within " + timeout + "; the check goes on in the background");
            return new Status(false, details);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(false, Map.of("error", "interrupted"));
        } catch (ExecutionException e) {
            return new Status(false, Map.of("error", String.valueOf(e.getCause())));
        }
    }

    private synchronized CompletableFuture<Status> refresh() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(
                    () -> {
                        Status s;
                        try {
                            s = delegate.probe();
                        } catch (RuntimeException e) {
                            s = new Status(false, Map.of("error", e.getClass().getSimpleName()));
                        }
                        last = s;
                        lastAt = System.nanoTime();
                        return s;
                    },
                    refresher);
        }
        return inFlight;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
