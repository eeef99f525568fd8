package io.scheduledreports.examples.demo;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.DateRange;
import io.scheduledreports.spi.ParameterSpec;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spring.ReportsPrincipalResolver;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What a host writes to use the starter: its report types (here over the sample orders), who is calling (here
 * from headers, so the demo needs no login), and, for the demo only, an SMTP server that keeps what it receives
 * (shown at /mails.html). The home page is the dashboard.
 */
@Configuration(proxyBeanMethods = false)
class DemoConfiguration {

    /** The product's own UI (reports-dashboard, under /scheduled-reports/) is the demo's home page. */
    @Bean
    WebMvcConfigurer demoHomePage() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/", "/scheduled-reports/");
            }
        };
    }

    @Bean
    SampleData sampleData(DataSource dataSource, @Value("${demo.orders:5000}") int orders) throws SQLException {
        return new SampleData(dataSource, orders, Clock.systemUTC());
    }

    /** Totals per region for a date window; the tenant always scopes the query. */
    @Bean
    ReportType salesByRegion(DataSource dataSource, SampleData data) {
        return ReportTypes.fromQuery(
                        "sales_by_region",
                        dataSource,
                        "SELECT region, COUNT(*) AS orders, SUM(quantity) AS units, SUM(amount) AS revenue"
                                + " FROM demo_orders WHERE tenant_id = ? AND placed_at >= ? AND placed_at < ?"
                                + " GROUP BY region ORDER BY revenue DESC",
                        request -> window(request.tenantId(), request.dateRange("date_range")))
                .withDisplayName("Sales by region")
                .withParameters(ParameterSpec.required("date_range", ParameterSpec.Kind.DATE_RANGE)
                        .describedAs("e.g. last_7_days, last_30_days, last_month"));
    }

    /** Every order of a date window, optionally of one region. */
    @Bean
    ReportType orders(DataSource dataSource, SampleData data) {
        return ReportTypes.fromQuery(
                        "orders",
                        dataSource,
                        "SELECT id, placed_at, region, product, customer, quantity, amount FROM demo_orders"
                                + " WHERE tenant_id = ? AND placed_at >= ? AND placed_at < ?"
                                + " AND region = COALESCE(?, region) ORDER BY placed_at",
                        request -> {
                            List<Object> values =
                                    new ArrayList<>(window(request.tenantId(), request.dateRange("date_range")));
                            values.add(request.parameter("region"));
                            return values;
                        })
                .withDisplayName("Orders")
                .withParameters(
                        ParameterSpec.required("date_range", ParameterSpec.Kind.DATE_RANGE)
                                .describedAs("e.g. last_7_days, last_30_days, last_month"),
                        ParameterSpec.optional("region", ParameterSpec.Kind.STRING)
                                .oneOf(SampleData.REGIONS.toArray(String[]::new))
                                .describedAs("only this region"));
    }

    private static List<Object> window(String tenant, DateRange range) {
        return List.of(
                tenant,
                range.startInstant().atOffset(ZoneOffset.UTC),
                range.endInstant().atOffset(ZoneOffset.UTC));
    }

    /**
     * DEMO ONLY, NEVER IN PRODUCTION: the caller from headers that anyone can set: {@code X-Tenant} (default acme),
     * {@code X-User} (default demo), {@code X-Roles} (comma-separated, default admin). Whoever reaches the port is
     * any user of any tenant, admin included; that is why the demo listens on 127.0.0.1 only. A real host maps its
     * login instead (or lets the starter read Spring Security's principal).
     */
    @Bean
    ReportsPrincipalResolver demoPrincipalResolver() {
        org.slf4j.LoggerFactory.getLogger(DemoConfiguration.class)
                .warn("DEMO ONLY: the reports API trusts the X-Tenant, X-User and X-Roles request headers; anyone who"
                        + " reaches this port can act as any user of any tenant. Never use this resolver in a real"
                        + " application.");
        return request -> {
            String tenant = header(request.getHeader("X-Tenant"), "acme");
            String user = header(request.getHeader("X-User"), "demo");
            Set<String> roles = Arrays.stream(
                            header(request.getHeader("X-Roles"), Actor.ADMIN).split(","))
                    .map(String::strip)
                    .filter(r -> !r.isEmpty())
                    .collect(Collectors.toSet());
            return Optional.of(new Actor(tenant, user, roles));
        };
    }

    private static String header(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /**
     * Owners are told by e-mail when a run fails, when a recipient bounces, and once a week in a summary (turned on
     * in application.properties): the demo's users have no directory, so the user id names a mailbox on the demo's
     * domain.
     */
    @Bean
    io.scheduledreports.spring.ScheduledReportsBuilderCustomizer demoOwnerNotifications() {
        return builder -> builder.failureNotifications(io.scheduledreports.core.FailureNotifications.byEmail(
                (tenant, owner) -> Optional.of(owner.replaceAll("[^A-Za-z0-9._-]", "_") + "@demo.example")));
    }

    /** The demo's mail server: accepts everything on {@code demo.smtp.port} and keeps it for the page. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail demoSmtpServer(@Value("${demo.smtp.port}") int port) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        return greenMail;
    }
}
