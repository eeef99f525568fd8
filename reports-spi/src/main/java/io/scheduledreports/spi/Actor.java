package io.scheduledreports.spi;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting: a user of a tenant with roles. Every operation of the API takes one; it scopes what can be
 * seen and changed and is written to the audit log.
 *
 * @param tenantId the tenant the actor belongs to
 * @param userId the user id, or {@code "system"} for the engine itself
 * @param roles the actor's roles, e.g. {@code viewer}, {@code creator}, {@code admin}
 */
public record Actor(String tenantId, String userId, Set<String> roles) {

    /** Role that may read schedules and history. */
    public static final String VIEWER = "viewer";
    /** Role that may create and change own schedules. */
    public static final String CREATOR = "creator";
    /** Role that may see and change every schedule of the tenant. */
    public static final String ADMIN = "admin";

    /** Validates the actor. */
    public Actor {
        if (tenantId == null || tenantId.isBlank()) {
            throw new ReportsValidationException("tenant_id", "must not be blank");
        }
        if (userId == null || userId.isBlank()) {
            throw new ReportsValidationException("user_id", "must not be blank");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** A user with the given roles. */
    public static Actor of(String tenantId, String userId, String... roles) {
        return new Actor(tenantId, userId, Set.of(roles));
    }

    /** The engine acting on its own in a tenant (firing schedules, retention). */
    public static Actor system(String tenantId) {
        return new Actor(tenantId, "system", Set.of(ADMIN));
    }

    /** Whether the actor has the role. */
    public boolean hasRole(String role) {
        return roles.contains(Objects.requireNonNull(role, "role"));
    }

    /** Whether the actor is an admin of its tenant. */
    public boolean isAdmin() {
        return hasRole(ADMIN);
    }
}
