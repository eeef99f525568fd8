package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import io.scheduledreports.spring.internal.web.SpringSecurityPrincipalResolver;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The Spring Security resolver never guesses a tenant, and refuses a configuration that would. */
class TenantResolutionTest {

    @TempDir
    Path artifacts;

    private static Optional<Actor> resolveAs(
            SpringSecurityPrincipalResolver resolver, MockHttpServletRequest request, String... authorities) {
        SecurityContextHolder.getContext()
                .setAuthentication(new TestingAuthenticationToken("alice", "pw", authorities));
        try {
            return resolver.resolve(request);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aUserWithTwoTenantAuthoritiesIsRefusedWithoutASelectionStrategy() {
        SpringSecurityPrincipalResolver resolver =
                new SpringSecurityPrincipalResolver(new ScheduledReportsProperties.Security());
        assertThatThrownBy(() -> resolveAs(
                        resolver, new MockHttpServletRequest(), "TENANT_acme", "TENANT_globex", "ROLE_REPORTS_ADMIN"))
                .isInstanceOf(ReportsAccessDeniedException.class)
                .hasMessageContaining("2 tenant authorities")
                .hasMessageContaining("TenantSelectionStrategy");
        assertThat(resolveAs(
                        resolver, new MockHttpServletRequest(), "TENANT_acme", "TENANT_acme", "ROLE_REPORTS_ADMIN"))
                .as("the same tenant twice is one tenant")
                .map(Actor::tenantId)
                .contains("acme");
    }

    @Test
    void theHostsStrategyChoosesAmongTheUsersTenantsOnly() {
        TenantSelectionStrategy fromHeader =
                (request, user, tenants) -> Optional.ofNullable(request.getHeader("X-Tenant"));
        SpringSecurityPrincipalResolver resolver =
                new SpringSecurityPrincipalResolver(new ScheduledReportsProperties.Security(), fromHeader);
        MockHttpServletRequest globex = new MockHttpServletRequest();
        globex.addHeader("X-Tenant", "globex");
        assertThat(resolveAs(resolver, globex, "TENANT_acme", "TENANT_globex"))
                .map(Actor::tenantId)
                .contains("globex");

        MockHttpServletRequest initech = new MockHttpServletRequest();
        initech.addHeader("X-Tenant", "initech");
        assertThatThrownBy(() -> resolveAs(resolver, initech, "TENANT_acme", "TENANT_globex"))
                .isInstanceOf(ReportsAccessDeniedException.class)
                .hasMessageContaining("may not act in tenant 'initech'");
        assertThatThrownBy(() -> resolveAs(resolver, new MockHttpServletRequest(), "TENANT_acme", "TENANT_globex"))
                .isInstanceOf(ReportsAccessDeniedException.class);
    }

    @Test
    void aBlankTenantAuthorityPrefixStopsStartupNamingTheProperty() {
        ScheduledReportsProperties.Security blank = new ScheduledReportsProperties.Security();
        blank.setTenantAuthorityPrefix(" ");
        assertThatThrownBy(() -> new SpringSecurityPrincipalResolver(blank))
                .isInstanceOfSatisfying(
                        InvalidPropertyException.class,
                        e -> assertThat(e.property())
                                .isEqualTo("scheduled-reports.api.security.tenant-authority-prefix"));

        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class,
                        ScheduledReportsWebMvcAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.disk-guard.enabled=false",
                        "scheduled-reports.api.security.tenant-authority-prefix=")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable t = context.getStartupFailure();
                    while (t != null && !(t instanceof InvalidPropertyException)) {
                        t = t.getCause();
                    }
                    assertThat(t).isInstanceOf(InvalidPropertyException.class);
                });
    }
}
