package io.scheduledreports.core.links;

import java.time.Instant;
import java.util.Objects;

/**
 * The contents of a download token whose signature, expiry and tenant were checked.
 *
 * @param executionId the execution whose artifact may be downloaded
 * @param tenantId the tenant the link was issued for
 * @param expiresAt when the link stops being valid (whole seconds)
 * @param keyId id of the key that signed it (useful to see when an old key is no longer in use)
 */
public record VerifiedToken(String executionId, String tenantId, Instant expiresAt, String keyId) {

    /** Validates the values. */
    public VerifiedToken {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(keyId, "keyId");
    }
}
