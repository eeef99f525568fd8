package io.scheduledreports.spring.internal;

import static io.scheduledreports.spring.internal.PropertyApplier.apply;
import static io.scheduledreports.spring.internal.PropertyApplier.get;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.recipients.RecipientPolicy;
import io.scheduledreports.core.recipients.RecipientRules;
import io.scheduledreports.spring.ScheduledReportsBuilderCustomizer;
import io.scheduledreports.spring.ScheduledReportsPrivacyProperties;
import java.util.LinkedHashMap;
import java.util.Map;
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
        int threshold = properties.getBounces().getThreshold();
        apply(PREFIX + "bounces.threshold", threshold, builder::bounceThreshold);
        ScheduledReportsPrivacyProperties.WeeklySummary w = properties.getWeeklySummary();
        if (w.isEnabled()) {
            builder.weeklySummary(get(
                    PREFIX + "weekly-summary",
                    () -> new io.scheduledreports.core.recipients.WeeklySummary(w.getDay(), w.getTime(), w.getZone())));
        }
        ScheduledReportsPrivacyProperties.Recipients r = properties.getRecipients();
        RecipientRules defaults = rules(PREFIX + "recipients", r);
        Map<String, RecipientRules> tenants = new LinkedHashMap<>();
        r.getTenants()
                .forEach((tenant, rules) -> tenants.put(tenant, rules(PREFIX + "recipients.tenants." + tenant, rules)));
        if (!defaults.equals(RecipientRules.ofDefaults()) || !tenants.isEmpty()) {
            builder.recipientPolicy(RecipientPolicy.of(defaults, tenants));
        }
    }

    private static RecipientRules rules(String prefix, ScheduledReportsPrivacyProperties.Rules rules) {
        return get(
                prefix + ".internal-domains",
                () -> new RecipientRules(
                        rules.getInternalDomains(),
                        rules.isExternalAllowed(),
                        rules.getMaxExternal() == null ? Integer.MAX_VALUE : rules.getMaxExternal()));
    }
}
