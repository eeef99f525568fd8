package io.scheduledreports.spring.internal.web;

import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spring.ReportsPrincipalResolver;
import io.scheduledreports.spring.ScheduledReportsProperties;
import io.scheduledreports.spring.TenantSelectionStrategy;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The default {@link ReportsPrincipalResolver} with Spring Security: the user is the authentication's name, the
 * tenant comes from a token claim ({@code tenant_id} by default, JWT or OIDC) or else from an authority with a
 * prefix ({@code TENANT_acme}), and the roles from the authorities {@code ROLE_REPORTS_VIEWER},
 * {@code ROLE_REPORTS_CREATOR} and {@code ROLE_REPORTS_ADMIN} (all configurable under
 * {@code scheduled-reports.api.security.*}). A user with several tenant authorities is refused (403) unless the
 * host supplies a {@link TenantSelectionStrategy}; a blank tenant authority prefix is refused at start-up.
 */
public final class SpringSecurityPrincipalResolver implements ReportsPrincipalResolver {

    private static final boolean CLAIMS_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.oauth2.core.ClaimAccessor",
            SpringSecurityPrincipalResolver.class.getClassLoader());

    private final ScheduledReportsProperties.Security settings;
    private final TenantSelectionStrategy tenantSelection;

    /** Creates the resolver; a user with several tenant authorities is refused. */
    public SpringSecurityPrincipalResolver(ScheduledReportsProperties.Security settings) {
        this(settings, null);
    }

    /**
     * Creates the resolver.
     *
     * @param settings where tenant and roles come from
     * @param tenantSelection chooses among several tenant authorities, or null to refuse such users
     * @throws InvalidPropertyException when the tenant authority prefix is blank (every authority would name a
     *     tenant)
     */
    public SpringSecurityPrincipalResolver(
            ScheduledReportsProperties.Security settings, TenantSelectionStrategy tenantSelection) {
        String prefix = settings.getTenantAuthorityPrefix();
        if (prefix == null || prefix.isBlank()) {
            throw new InvalidPropertyException(
                    "scheduled-reports.api.security.tenant-authority-prefix",
                    "must not be blank: with an empty prefix every authority (ROLE_USER, ...) would name a tenant, was '"
                            + prefix + "'",
                    null);
        }
        this.settings = settings;
        this.tenantSelection = tenantSelection;
    }

    @Override
    public Optional<Actor> resolve(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null && request.getUserPrincipal() instanceof Authentication fromRequest) {
            auth = fromRequest;
        }
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        Set<String> authorities = new LinkedHashSet<>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (a.getAuthority() != null) {
                authorities.add(a.getAuthority());
            }
        }
        String tenant = claim(auth.getPrincipal());
        if (tenant == null) {
            List<String> tenants = authorities.stream()
                    .filter(a -> a.startsWith(settings.getTenantAuthorityPrefix())
                            && a.length() > settings.getTenantAuthorityPrefix().length())
                    .map(a -> a.substring(settings.getTenantAuthorityPrefix().length()))
                    .distinct()
                    .toList();
            tenant = tenants.size() == 1 ? tenants.get(0) : tenants.isEmpty() ? null : select(request, auth, tenants);
        }
        if (tenant == null) {
            throw new ReportsAccessDeniedException("user '" + auth.getName() + "' has no tenant: expected a '"
                    + settings.getTenantClaim() + "' claim or an authority starting with '"
                    + settings.getTenantAuthorityPrefix() + "'");
        }
        Set<String> roles = new LinkedHashSet<>();
        if (authorities.contains(settings.getViewerAuthority())) {
            roles.add(Actor.VIEWER);
        }
        if (authorities.contains(settings.getCreatorAuthority())) {
            roles.add(Actor.CREATOR);
        }
        if (authorities.contains(settings.getAdminAuthority())) {
            roles.add(Actor.ADMIN);
        }
        return Optional.of(new Actor(tenant, auth.getName(), roles));
    }

    private String select(HttpServletRequest request, Authentication auth, List<String> tenants) {
        if (tenantSelection == null) {
            throw new ReportsAccessDeniedException("user '" + auth.getName() + "' has " + tenants.size()
                    + " tenant authorities; the application must choose one per request (a TenantSelectionStrategy"
                    + " bean), the reports API does not guess");
        }
        String chosen = tenantSelection.select(request, auth.getName(), tenants).orElse(null);
        if (chosen == null || !tenants.contains(chosen)) {
            throw new ReportsAccessDeniedException("user '" + auth.getName() + "' may not act in tenant "
                    + (chosen == null ? "(none chosen)" : "'" + chosen + "'"));
        }
        return chosen;
    }

    private String claim(Object principal) {
        if (!CLAIMS_PRESENT
                || settings.getTenantClaim() == null
                || settings.getTenantClaim().isBlank()) {
            return null;
        }
        return Claims.tenant(principal, settings.getTenantClaim());
    }

    /** Loaded only when spring-security-oauth2-core is present. */
    private static final class Claims {
        static String tenant(Object principal, String claim) {
            if (principal instanceof org.springframework.security.oauth2.core.ClaimAccessor accessor
                    && accessor.hasClaim(claim)) {
                String value = accessor.getClaimAsString(claim);
                return value == null || value.isBlank() ? null : value;
            }
            return null;
        }
    }
}
