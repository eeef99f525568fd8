package io.scheduledreports.spring.internal.web;

import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spring.ReportsPrincipalResolver;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves the caller and checks its role. Roles nest: an admin may do what a creator may, a creator what a
 * viewer may. Which schedules a creator may change (its own) is checked by the engine.
 */
public final class Principals {

    private final ReportsPrincipalResolver resolver;

    /** Creates the helper. */
    public Principals(ReportsPrincipalResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * The caller, who must have {@code role} or a role above it.
     *
     * @throws Unauthenticated when the resolver finds no caller
     * @throws ReportsAccessDeniedException when the caller lacks the role
     */
    Actor require(HttpServletRequest request, String role) {
        Actor actor = resolver.resolve(request).orElseThrow(Unauthenticated::new);
        if (!allowed(actor, role)) {
            throw new ReportsAccessDeniedException(
                    "this needs the '" + role + "' role" + (role.equals(Actor.ADMIN) ? "" : " (or a higher one)")
                            + "; you have " + (actor.roles().isEmpty() ? "none" : actor.roles()));
        }
        return actor;
    }

    static boolean allowed(Actor actor, String role) {
        return switch (role) {
            case Actor.ADMIN -> actor.isAdmin();
            case Actor.CREATOR -> actor.isAdmin() || actor.hasRole(Actor.CREATOR);
            case Actor.VIEWER -> actor.isAdmin() || actor.hasRole(Actor.CREATOR) || actor.hasRole(Actor.VIEWER);
            default -> throw new IllegalArgumentException("unknown role " + role);
        };
    }
}
