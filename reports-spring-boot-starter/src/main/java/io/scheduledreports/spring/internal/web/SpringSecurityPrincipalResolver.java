package io.scheduledreports.spring.internal.web;

import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spring.ReportsPrincipalResolver;
import io.scheduledreports.spring.ScheduledReportsProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
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
 * {@code scheduled-reports.api.security.*}).
 */
public final class SpringSecurityPrincipalResolver implements ReportsPrincipalResolver {

    private static final boolean CLAIMS_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.oauth2.core.ClaimAccessor",
            SpringSecurityPrincipalResolver.class.getClassLoader());

    private final ScheduledReportsProperties.Security settings;

    /** Creates the resolver. */
    public SpringSecurityPrincipalResolver(ScheduledReportsProperties.Security settings) {
        this.settings = settings;
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
            tenant = authorities.stream()
                    .filter(a -> a.startsWith(settings.getTenantAuthorityPrefix())
                            && a.length() > settings.getTenantAuthorityPrefix().length())
                    .map(a -> a.substring(settings.getTenantAuthorityPrefix().length()))
                    .findFirst()
                    .orElse(null);
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
