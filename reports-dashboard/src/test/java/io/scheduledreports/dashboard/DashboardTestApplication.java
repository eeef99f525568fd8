package io.scheduledreports.dashboard;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ParameterSpec;
import io.scheduledreports.spi.ReportRequest;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.RowSink;
import io.scheduledreports.spring.ScheduledReportsBuilderCustomizer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host as the README describes it: Spring Security with form login and CSRF protection on (also for the API,
 * so the dashboard must send the token), users with {@code TENANT_*} and {@code ROLE_REPORTS_*} authorities, one
 * report type, an in-memory channel named {@code email}, and the library's clock in late February 2027.
 */
@SpringBootApplication
public class DashboardTestApplication {

    static final String PASSWORD = "secret-pass";

    /** A Friday two weeks before New York moves its clocks forward (2027-03-14). */
    static final Instant NOW = Instant.parse("2027-02-26T12:00:00Z");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                user("ada", "ROLE_REPORTS_ADMIN"),
                user("carl", "ROLE_REPORTS_CREATOR"),
                user("vera", "ROLE_REPORTS_VIEWER"));
    }

    private static org.springframework.security.core.userdetails.UserDetails user(String name, String role) {
        return User.withUsername(name)
                .password("{noop}" + PASSWORD)
                .authorities("TENANT_acme", role)
                .build();
    }

    /**
     * The library's clock runs from {@link #NOW} on (engine, db-scheduler and API alike), so that ten weekly runs
     * from "now" cross the start of daylight saving time in New York on 2027-03-14 whatever day the tests run.
     */
    @Bean
    ScheduledReportsBuilderCustomizer lateFebruary2027() {
        return builder -> builder.clock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW)));
    }

    @Bean
    RecordingChannel emailChannel() {
        return new RecordingChannel("email");
    }

    @Bean
    ReportType regionalSales() {
        return new RegionalSales();
    }

    /** Three rows per run; region "south" fails as a data error (no retry), which makes a dead letter. */
    static final class RegionalSales implements ReportType {

        @Override
        public String id() {
            return "regional_sales";
        }

        @Override
        public String displayName() {
            return "Regional sales";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(
                    ParameterSpec.required("date_range", ParameterSpec.Kind.DATE_RANGE)
                            .describedAs("Which days the report covers."),
                    ParameterSpec.required("region", ParameterSpec.Kind.STRING)
                            .oneOf("north", "south")
                            .describedAs("Sales region."));
        }

        @Override
        public void generate(ReportRequest request, RowSink sink) throws Exception {
            if ("south".equals(request.parameters().get("region"))) {
                throw new ReportsException(ErrorCategory.DATA, "no sales figures exist for region south");
            }
            sink.columns(List.of(Column.text("region"), Column.decimal("revenue", 2)));
            for (int i = 1; i <= 3; i++) {
                sink.row("north-" + i, new BigDecimal(i * 100).add(new BigDecimal("0.25")));
            }
        }
    }
}
