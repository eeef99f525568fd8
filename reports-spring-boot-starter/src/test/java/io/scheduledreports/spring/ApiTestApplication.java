package io.scheduledreports.spring;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.spi.Actor;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A host application for the API tests: one report type, the default formats, a recording channel, and a resolver that reads the
 * caller from headers ({@code X-Tenant}, {@code X-User}, {@code X-Roles}; no {@code X-User} means anonymous).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ApiTestApplication {

    /** Base64 of 32 bytes, for signing download links in tests only. */
    static final String LINK_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Bean
    SalesReport sales() {
        return new SalesReport();
    }

    @Bean
    RecordingChannel memory() {
        return new RecordingChannel("memory");
    }

    @Bean
    ReportsPrincipalResolver headerResolver() {
        return request -> {
            String user = request.getHeader("X-User");
            if (user == null) {
                return Optional.empty();
            }
            String roles = request.getHeader("X-Roles");
            Set<String> set = roles == null
                    ? Set.of()
                    : Arrays.stream(roles.split(",")).map(String::strip).collect(Collectors.toSet());
            return Optional.of(new Actor(request.getHeader("X-Tenant"), user, set));
        };
    }
}
