package io.scheduledreports.spring;

import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.EnvironmentSecretResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link SecretResolver} the delivery channels use to turn secret names into values, unless the host defines
 * its own bean: {@code scheduled-reports.secrets.<name>} from Spring's {@link Environment} (application
 * properties, {@code SCHEDULED_REPORTS_SECRETS_<NAME>} variables, any property source such as a vault), then
 * {@code REPORTS_SECRET_<NAME>}.
 */
@AutoConfiguration(before = ScheduledReportsAutoConfiguration.class)
@ConditionalOnClass(SecretResolver.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.enabled", matchIfMissing = true)
public final class ScheduledReportsSecretsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecretResolver scheduledReportsSecretResolver(Environment environment) {
        return new EnvironmentSecretResolver(environment);
    }
}
