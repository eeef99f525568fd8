package io.scheduledreports.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the tenant of a request when the authenticated user holds more than one tenant authority (e.g.
 * {@code TENANT_acme} and {@code TENANT_globex}), for the default Spring Security resolver. Without a bean of this
 * type such a user is refused (403): the library never guesses a tenant.
 */
@FunctionalInterface
public interface TenantSelectionStrategy {

    /**
     * Chooses one of the user's tenants for this request, e.g. from a header or a path segment the host verified.
     *
     * @param request the current request
     * @param userName the authenticated user's name
     * @param tenants the tenants the user's authorities name, in authority order (two or more)
     * @return the chosen tenant, which must be one of {@code tenants}; empty to refuse the request (403)
     */
    Optional<String> select(HttpServletRequest request, String userName, List<String> tenants);
}
