package io.scheduledreports.examples.secured;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Step 2 of the quick start: Spring Security as a host already has it. What the reports API needs from it:
 *
 * <ul>
 *   <li>users carry a tenant authority {@code TENANT_<id>} (or a {@code tenant_id} token claim) and their
 *       reports role as {@code ROLE_REPORTS_VIEWER}, {@code ROLE_REPORTS_CREATOR} or {@code ROLE_REPORTS_ADMIN};
 *       the user id is the authentication's name;
 *   <li>the API's POST/PUT/DELETE calls are made by programs, not forms: exempt the API path from CSRF (or send
 *       the CSRF token with each call);
 *   <li>the signed-link download path must be {@code permitAll}: the link's token is the authorisation, and the
 *       people who click it in an e-mail are not signed in.
 * </ul>
 *
 * <p>The in-memory users stand in for the host's own user store.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, @Value("${scheduled-reports.api.base-path:/api/v1}") String api) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(api + "/report-executions/download")
                        .permitAll()
                        .requestMatchers("/actuator/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers(api + "/**"));
        return http.build();
    }

    @Bean
    UserDetailsService users(PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice")
                        .password(encoder.encode("alice-password"))
                        .authorities("TENANT_acme", "ROLE_REPORTS_CREATOR")
                        .build(),
                User.withUsername("bob")
                        .password(encoder.encode("bob-password"))
                        .authorities("TENANT_globex", "ROLE_REPORTS_ADMIN")
                        .build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
