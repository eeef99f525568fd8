package io.scheduledreports.spring.internal;

import static io.scheduledreports.spring.internal.PropertyApplier.apply;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spring.ScheduledReportsBuilderCustomizer;
import io.scheduledreports.spring.ScheduledReportsPrivacyProperties;
import org.springframework.core.Ordered;

/** Applies {@code scheduled-reports.privacy.*} to the builder, naming the property in every refusal. */
public final class PrivacyConfigurer implements ScheduledReportsBuilderCustomizer, Ordered {

    private static final String PREFIX = "scheduled-reports.privacy.";

    private final ScheduledReportsPrivacyProperties properties;

    /** Creates the configurer. */
    public PrivacyConfigurer(ScheduledReportsPrivacyProperties properties) {
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public void customize(ScheduledReports.Builder builder) {
        ScheduledReportsPrivacyProperties.Unsubscribe u = properties.getUnsubscribe();
        if (u.getBaseUrl() != null) {
            apply(
                    PREFIX + "unsubscribe.base-url",
                    u.getBaseUrl(),
                    url -> builder.unsubscribeLinks(url, u.getValidity()));
        }
    }
}
