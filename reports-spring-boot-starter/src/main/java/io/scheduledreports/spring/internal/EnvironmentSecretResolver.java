package io.scheduledreports.spring.internal;

import io.scheduledreports.spi.SecretResolver;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Secrets from Spring's {@link Environment}: {@code scheduled-reports.secrets.<name>} (so also the variable
 * {@code SCHEDULED_REPORTS_SECRETS_<NAME>} and any property source a host adds, such as a vault), then the
 * {@code REPORTS_SECRET_<NAME>} form of {@link SecretResolver#environment(String)}. Never logs values.
 */
public final class EnvironmentSecretResolver implements SecretResolver {
    /** Prefix of secret properties. */
    public static final String PREFIX = "scheduled-reports.secrets.";

    private final Environment environment;
    private final SecretResolver variables;

    public EnvironmentSecretResolver(Environment environment) {
        this.environment = environment;
        this.variables = SecretResolver.fromFunction("REPORTS_SECRET_", environment::getProperty);
    }

    @Override
    public Optional<String> resolve(String name) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        String value = environment.getProperty(PREFIX + name);
        return value != null && !value.isEmpty() ? Optional.of(value) : variables.resolve(name);
    }

    @Override
    public String toString() {
        return "EnvironmentSecretResolver[" + PREFIX + "*, REPORTS_SECRET_*]";
    }
}
