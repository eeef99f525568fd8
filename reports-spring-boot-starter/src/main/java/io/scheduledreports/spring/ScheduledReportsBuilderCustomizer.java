package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;

/**
 * Callback to customize the {@link ScheduledReports.Builder} before the auto-configured engine is built. Called
 * after the {@code scheduled-reports.*} properties and the collected beans are applied, in the order of the
 * customizers ({@link org.springframework.core.Ordered} / {@code @Order}), so a customizer can override both.
 */
@FunctionalInterface
public interface ScheduledReportsBuilderCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder to customize
     */
    void customize(ScheduledReports.Builder builder);
}
