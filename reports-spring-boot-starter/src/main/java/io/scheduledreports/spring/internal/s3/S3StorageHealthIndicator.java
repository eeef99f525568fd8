package io.scheduledreports.spring.internal.s3;

import io.scheduledreports.storage.s3.S3ArtifactStore;
import io.scheduledreports.storage.s3.S3StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the S3 artifact store: UP when the bucket answers ({@code HeadBucket}), DOWN with the failure's
 * category otherwise. The result is reused for a time-to-live so health polling does not become S3 traffic.
 */
public final class S3StorageHealthIndicator implements HealthIndicator {

    private final S3ArtifactStore store;
    private final Duration ttl;
    private final Clock clock;
    private Health cached;
    private Instant checkedAt;

    /** An indicator reusing its result for {@code ttl}. */
    public S3StorageHealthIndicator(S3ArtifactStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(checkedAt.plus(ttl))) {
            return cached;
        }
        Health.Builder b = new Health.Builder()
                .withDetail("bucket", store.bucket())
                .withDetail("keyPrefix", store.keyPrefix())
                .withDetail(
                        "endpoint",
                        store.endpoint() == null ? "AWS" : store.endpoint().toString())
                .withDetail("checkedAt", now.toString());
        try {
            store.checkBucket();
            b.up();
        } catch (S3StorageException e) {
            b.down().withDetail("category", e.category().name()).withDetail("error", e.getMessage());
        }
        cached = b.build();
        checkedAt = now;
        return cached;
    }
}
