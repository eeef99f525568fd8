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

    /** Longest tenant id (the width of the {@code tenant_id} columns). */
    public static final int MAX_TENANT_ID_LENGTH = 64;
    /** Longest user id (the width of the {@code owner_id} and actor columns). */
    public static final int MAX_USER_ID_LENGTH = 128;

    /**
     * Validates the actor: ids not blank, no longer than their columns, without surrounding whitespace or control
     * characters (MariaDB's PAD SPACE collations would otherwise match {@code 'acme '} to {@code 'acme'}).
     */
    public Actor {
        checkId("tenant_id", tenantId, MAX_TENANT_ID_LENGTH);
        checkId("user_id", userId, MAX_USER_ID_LENGTH);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /**
     * Checks an id that names a tenant or a user.
     *
     * @param field the field name for the message
     * @param id the id
     * @param maxLength its longest allowed length
     * @throws ReportsValidationException naming the field, the rule and the value
     */
    public static void checkId(String field, String id, int maxLength) {
        if (id == null || id.isBlank()) {
            throw new ReportsValidationException(field, "must not be blank");
        }
        if (id.length() > maxLength) {
            throw new ReportsValidationException(
                    field, "must be at most " + maxLength + " characters, was " + id.length());
        }
        if (!id.equals(id.strip())) {
            throw new ReportsValidationException(field, "must not start or end with whitespace, was '" + id + "'");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new ReportsValidationException(
                    field, "must not contain control characters, was '" + id.replaceAll("\\p{Cntrl}", "?") + "'");
        }
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
