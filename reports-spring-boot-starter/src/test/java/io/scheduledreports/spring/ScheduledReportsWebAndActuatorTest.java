package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.Trigger;
import io.scheduledreports.spring.internal.actuate.ReportsMetrics;
import io.scheduledreports.spring.internal.web.ApiOffNotice;
import io.scheduledreports.spring.internal.web.ScheduledReportsController;
import io.scheduledreports.spring.internal.web.SpringSecurityPrincipalResolver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Conditions of the API, health and metrics auto-configurations, and the default Spring Security resolver. */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledReportsWebAndActuatorTest {

    @TempDir
    Path artifacts;

    private String[] base() {
        return new String[] {
            "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "scheduled-reports.artifact-directory=" + artifacts,
            "scheduled-reports.polling-interval=100ms"
        };
    }

    private WebApplicationContextRunner web() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class,
                        ScheduledReportsWebMvcAutoConfiguration.class))
                .withPropertyValues(base());
    }

    private ApplicationContextRunner plain() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class,
                        ScheduledReportsHealthAutoConfiguration.class,
                        ScheduledReportsMetricsAutoConfiguration.class))
                .withPropertyValues(base());
    }

    // ---------------------------------------------------------------- API conditions

    @Test
    void apiStaysOffWithoutAResolverAndTheLogSaysWhy(CapturedOutput output) {
        web().withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ScheduledReportsController.class);
                    assertThat(context).hasSingleBean(ApiOffNotice.class);
                    assertThat(output).contains("Scheduled Reports REST API is off: no ReportsPrincipalResolver bean");
                });
    }

    @Test
    void apiIsOnWithTheHostsResolver() {
        web().withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
                .withBean(ReportsPrincipalResolver.class, () -> request -> Optional.empty())
                .run(context -> assertThat(context)
                        .hasSingleBean(ScheduledReportsController.class)
                        .doesNotHaveBean(ApiOffNotice.class));
    }

    @Test
    void apiUsesTheSpringSecurityResolverWhenSpringSecurityIsPresent() {
        web().run(context -> assertThat(context)
                .hasSingleBean(ScheduledReportsController.class)
                .getBean(ReportsPrincipalResolver.class)
                .isInstanceOf(SpringSecurityPrincipalResolver.class));
    }

    @Test
    void apiCanBeSwitchedOff() {
        web().withBean(ReportsPrincipalResolver.class, () -> request -> Optional.empty())
                .withPropertyValues("scheduled-reports.api.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(ScheduledReportsController.class)
                        .doesNotHaveBean(ApiOffNotice.class));
    }

    @Test
    void apiIsNotPartOfANonWebApplication() {
        plain().withBean(ReportsPrincipalResolver.class, () -> request -> Optional.empty())
                .withConfiguration(AutoConfigurations.of(ScheduledReportsWebMvcAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ScheduledReportsController.class));
    }

    // ---------------------------------------------------------------- Spring Security resolver

    private final SpringSecurityPrincipalResolver resolver =
            new SpringSecurityPrincipalResolver(new ScheduledReportsProperties.Security());

    private Optional<Actor> resolveAs(org.springframework.security.core.Authentication auth) {
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            return resolver.resolve(new MockHttpServletRequest());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void securityResolverReadsTenantAndRolesFromAuthorities() {
        TestingAuthenticationToken auth =
                new TestingAuthenticationToken("alice", "pw", "TENANT_acme", "ROLE_REPORTS_CREATOR", "ROLE_USER");
        assertThat(resolveAs(auth)).contains(new Actor("acme", "alice", java.util.Set.of(Actor.CREATOR)));
    }

    @Test
    void securityResolverPrefersTheTenantClaimOfAJwt() {
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "none")
                .subject("bob")
                .claim("tenant_id", "globex")
                .issuedAt(Instant.now())
                .build();
        JwtAuthenticationToken auth = new JwtAuthenticationToken(
                jwt, AuthorityUtils.createAuthorityList("TENANT_acme", "ROLE_REPORTS_ADMIN"), "bob");
        Actor actor = resolveAs(auth).orElseThrow();
        assertThat(actor.tenantId()).isEqualTo("globex");
        assertThat(actor.isAdmin()).isTrue();
    }

    @Test
    void securityResolverTreatsAnonymousAsUnauthenticatedAndRefusesUsersWithoutTenant() {
        assertThat(resolveAs(null)).isEmpty();
        assertThat(resolveAs(new AnonymousAuthenticationToken(
                        "k", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
                .isEmpty();
        assertThatThrownBy(() -> resolveAs(new TestingAuthenticationToken("carol", "pw", "ROLE_REPORTS_VIEWER")))
                .isInstanceOf(ReportsAccessDeniedException.class)
                .hasMessageContaining("TENANT_");
    }

    // ---------------------------------------------------------------- health

    private static HealthIndicator part(HealthContributor contributor, String name) {
        return (HealthIndicator) ((CompositeHealthContributor) contributor).getContributor(name);
    }

    @Test
    void healthReportsEngineDatabaseDiskAndSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        try {
            plain().withPropertyValues(
                            "scheduled-reports.email.host=127.0.0.1",
                            "scheduled-reports.email.port=" + smtp.getSmtp().getPort(),
                            "scheduled-reports.email.security=none",
                            "scheduled-reports.email.from=reports@example.com",
                            // no caching here: the second check must see the server stopped
                            "scheduled-reports.health.smtp.cache-duration=0s")
                    .run(context -> {
                        HealthContributor health =
                                context.getBean("scheduledReportsHealthContributor", HealthContributor.class);
                        assertThat(part(health, "engine").health().getStatus()).isEqualTo(Status.UP);
                        assertThat(part(health, "database").health().getStatus())
                                .isEqualTo(Status.UP);
                        assertThat(part(health, "database").health().getDetails())
                                .containsEntry("database", "H2");
                        assertThat(part(health, "diskSpace").health().getStatus())
                                .isEqualTo(Status.UP);
                        assertThat(part(health, "smtp").health().getStatus()).isEqualTo(Status.UP);
                        smtp.stop();
                        assertThat(part(health, "smtp").health().getStatus()).isEqualTo(Status.DOWN);
                    });
        } finally {
            smtp.stop();
        }
    }

    @Test
    void healthIsDownWhenFreeSpaceIsBelowTheFloor() {
        plain().withPropertyValues(
                        "scheduled-reports.disk-guard.floor=1000000TB", "scheduled-reports.disk-guard.warn=1000000TB")
                .run(context -> {
                    HealthContributor health =
                            context.getBean("scheduledReportsHealthContributor", HealthContributor.class);
                    var disk = part(health, "diskSpace").health();
                    assertThat(disk.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(disk.getDetails()).containsKeys("free", "floor", "path");
                    assertThat(((CompositeHealthContributor) health).getContributor("smtp"))
                            .isNull();
                });
    }

    @Test
    void healthIndicatorCanBeSwitchedOffAndNeedsTheHealthModule() {
        plain().withPropertyValues("management.health.scheduledReports.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("scheduledReportsHealthContributor"));
        plain().withClassLoader(new FilteredClassLoader(HealthContributor.class))
                .run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean("scheduledReportsHealthContributor"));
    }

    @Test
    void healthNamesTheEstimateTheLargestConsumersAndTheRetentionAdviceWhenSpaceIsLow() {
        plain().withUserConfiguration(Meters.class)
                // below the warning level but above the floor: generations still run
                .withPropertyValues(
                        "scheduled-reports.disk-guard.floor=0B",
                        "scheduled-reports.disk-guard.warn=1000000TB",
                        "scheduled-reports.metrics.stats-cache-duration=1ms")
                .run(context -> {
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
                    var s = reports.create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("Big one")
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .recipient("memory", "bob@example.com")
                                    .build());
                    reports.runNow(alice, s.id());
                    Await.until(() -> reports.admin().diskUsage(null).artifactFiles() == 1, "the run's file is kept");
                    long size = reports.admin().diskUsage(null).artifactBytes();

                    HealthContributor health =
                            context.getBean("scheduledReportsHealthContributor", HealthContributor.class);
                    var disk = part(health, "diskSpace").health();
                    var details = disk.getDetails();

                    assertThat(disk.getStatus()).isEqualTo(Status.UP);
                    assertThat(details).containsKey("warning");
                    assertThat(details).containsEntry("storedBytes", size).containsEntry("storedFiles", 1L);
                    assertThat(details.get("next24h"))
                            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                            .containsEntry("estimateBytes", size)
                            .containsEntry("runs", 1L);
                    assertThat(details.get("largestConsumers").toString())
                            .contains("schedule=" + s.id())
                            .contains("tenant=acme")
                            .doesNotContain("Big one");
                    assertThat(details.get("recommendations").toString())
                            .contains("no shorter retention would free space");
                });
    }

    // ---------------------------------------------------------------- metrics

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        SimpleMeterRegistry registry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        SalesReport sales() {
            return new SalesReport();
        }

        @Bean
        RecordingChannel memory() {
            return new RecordingChannel("memory");
        }
    }

    @Test
    void metricsCountGenerationsAndDeliveriesAndGaugeTheQueue() {
        plain().withUserConfiguration(Meters.class)
                .withPropertyValues("scheduled-reports.metrics.stats-cache-duration=1ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(ReportsMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
                    var s = reports.create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("Metered")
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .recipient("memory", "bob@example.com")
                                    .build());
                    reports.runNow(alice, s.id());
                    Await.until(
                            () -> registry.find("scheduled.reports.deliveries")
                                            .tags("channel", "memory", "status", "sent")
                                            .counter()
                                    != null,
                            "a delivery counted");
                    assertThat(registry.get("scheduled.reports.executions")
                                    .tag("status", "succeeded")
                                    .counter()
                                    .count())
                            .isEqualTo(1.0);
                    assertThat(registry.get("scheduled.reports.generation.duration")
                                    .tag("outcome", "success")
                                    .timer()
                                    .count())
                            .isEqualTo(1);
                    Await.until(
                            () -> registry.get("scheduled.reports.executions.stored")
                                            .tag("status", "SUCCEEDED")
                                            .gauge()
                                            .value()
                                    == 1.0,
                            "the stored-executions gauge");
                    assertThat(registry.get("scheduled.reports.queue.depth")
                                    .gauge()
                                    .value())
                            .isZero();
                    assertThat(registry.get("scheduled.reports.generations.running")
                                    .gauge()
                                    .value())
                            .isZero();
                    assertThat(registry.get("scheduled.reports.dead.letters.unresolved")
                                    .gauge()
                                    .value())
                            .isZero();
                    assertThat(registry.get("scheduled.reports.schedules")
                                    .tag("status", "active")
                                    .gauge()
                                    .value())
                            .isEqualTo(1.0);
                    assertThat(registry.get("scheduled.reports.schedules")
                                    .tag("status", "paused")
                                    .gauge()
                                    .value())
                            .isZero();
                    Await.until(
                            () -> registry.find("scheduled.reports.delivery.success.rate")
                                            .tag("channel", "memory")
                                            .gauge()
                                    != null,
                            "the delivery rate of the channel");
                    assertThat(registry.get("scheduled.reports.delivery.success.rate")
                                    .tag("channel", "memory")
                                    .gauge()
                                    .value())
                            .isEqualTo(1.0);
                    long kept = reports.admin().diskUsage(null).artifactBytes();
                    assertThat(kept).isPositive();
                    assertThat(registry.get("scheduled.reports.artifacts.stored.bytes")
                                    .tag("tenant", "acme")
                                    .gauge()
                                    .value())
                            .isEqualTo((double) kept);
                    for (String window : List.of("24h", "7d", "30d")) {
                        assertThat(registry.get("scheduled.reports.success.rate." + window)
                                        .gauges())
                                .as("one gauge for the %s window, nothing to add up", window)
                                .singleElement()
                                .satisfies(g -> assertThat(g.value()).isEqualTo(1.0));
                    }
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingMeters {
        @Bean
        SimpleMeterRegistry registry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        SalesReport sales() {
            return new SalesReport();
        }

        @Bean
        RecordingChannel memory() {
            RecordingChannel channel = new RecordingChannel("memory");
            channel.fail("bob@example.com", ErrorCategory.NETWORK);
            channel.fail("carol@example.com", ErrorCategory.NETWORK);
            return channel;
        }
    }

    @Test
    void failedAttemptsAreCountedByCategoryAndTheDeliveryBacklogIsGaugedAndWarnedAbout() {
        plain().withUserConfiguration(FailingMeters.class)
                .withPropertyValues(
                        "scheduled-reports.delivery-queue.alert-threshold=1",
                        "scheduled-reports.retry.delivery.backoff=1h")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
                    var s = reports.create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("Backlogged")
                                    .reportType("sales")
                                    .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                    .recipient("memory", "bob@example.com")
                                    .recipient("memory", "carol@example.com")
                                    .build());
                    reports.runNow(alice, s.id());
                    Await.until(
                            () -> {
                                var c = registry.find("scheduled.reports.errors")
                                        .tags("kind", "delivery", "category", "network")
                                        .counter();
                                return c != null && c.count() == 2.0;
                            },
                            "two failed delivery attempts counted as network errors");
                    Await.until(
                            () -> registry.get("scheduled.reports.deliveries.pending")
                                            .tag("channel", "memory")
                                            .gauge()
                                            .value()
                                    == 2.0,
                            "the delivery queue gauge");
                    HealthContributor health =
                            context.getBean("scheduledReportsHealthContributor", HealthContributor.class);
                    var queue = part(health, "deliveryQueue").health();
                    assertThat(queue.getStatus()).isEqualTo(Status.UP);
                    assertThat(queue.getDetails()).containsEntry("pending", java.util.Map.of("memory", 2L));
                    assertThat((String) queue.getDetails().get("warning"))
                            .contains("delivery backlog above 1")
                            .contains("memory=2");
                });
    }

    @Test
    void generationTimeoutsAndErrorsAreCountedByCategory() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReportsMetrics metrics = new ReportsMetrics(registry);
        for (ErrorCategory category : List.of(ErrorCategory.TIMEOUT, ErrorCategory.TIMEOUT, ErrorCategory.DATA)) {
            metrics.executionFailed(new ExecutionEvent(
                    "acme",
                    "s1",
                    "e1",
                    "sales",
                    "alice",
                    Instant.EPOCH,
                    Trigger.SCHEDULED,
                    1,
                    -1,
                    category,
                    "x",
                    Instant.EPOCH));
        }
        assertThat(registry.get("scheduled.reports.timeouts").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("scheduled.reports.errors")
                        .tags("kind", "generation", "category", "timeout")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("scheduled.reports.errors")
                        .tags("kind", "generation", "category", "data")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void noMetersWithoutARegistry() {
        plain().run(context -> assertThat(context).doesNotHaveBean(ReportsMetrics.class));
    }
}
