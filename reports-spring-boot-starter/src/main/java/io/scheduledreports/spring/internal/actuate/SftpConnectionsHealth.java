package io.scheduledreports.spring.internal.actuate;

import io.scheduledreports.delivery.sftp.SftpChannel;
import io.scheduledreports.spi.ConnectionCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of each configured SFTP connection (a login, no write), as one composite with a component per connection
 * name. Each result is kept for a time-to-live, so a health endpoint polled every few seconds does not log in to
 * every server every time.
 */
public final class SftpConnectionsHealth {

    private SftpConnectionsHealth() {}

    /**
     * The composite.
     *
     * @param channel the channel whose connections are checked
     * @param ttl how long a result is reused
     * @param nanoTime time source for the cache
     * @return the contributor
     */
    public static HealthContributor contributor(SftpChannel channel, Duration ttl, LongSupplier nanoTime) {
        Map<String, HealthContributor> parts = new LinkedHashMap<>();
        for (String name : channel.settings().connections().keySet()) {
            parts.put(name, new Cached(() -> channel.healthCheck(name), ttl.toNanos(), nanoTime));
        }
        return CompositeHealthContributor.fromMap(parts);
    }

    /** One connection's check, cached. */
    static final class Cached implements HealthIndicator {
        private final java.util.function.Supplier<ConnectionCheck> check;
        private final long ttlNanos;
        private final LongSupplier nanoTime;
        private Health last;
        private long checkedAt;

        Cached(java.util.function.Supplier<ConnectionCheck> check, long ttlNanos, LongSupplier nanoTime) {
            this.check = check;
            this.ttlNanos = ttlNanos;
            this.nanoTime = nanoTime;
        }

        @Override
        public synchronized Health health(boolean includeDetails) {
            long now = nanoTime.getAsLong();
            if (last == null || now - checkedAt >= ttlNanos) {
                ConnectionCheck result = check.get();
                Health.Builder builder = result.ok() ? Health.up() : Health.down();
                builder.withDetails(result.details());
                if (!result.ok()) {
                    builder.withDetail("error", result.message());
                    if (result.category() != null) {
                        builder.withDetail("category", result.category().name());
                    }
                }
                last = builder.build();
                checkedAt = now;
            }
            return includeDetails ? last : Health.status(last.getStatus()).build();
        }

        @Override
        public Health health() {
            return health(true);
        }
    }
}
