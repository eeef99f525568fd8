package io.scheduledreports.spring.internal;

import static io.scheduledreports.spring.internal.PropertyApplier.apply;
import static io.scheduledreports.spring.internal.PropertyApplier.get;

import io.scheduledreports.core.ManualRunLimits;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.limits.TenantLimits;
import io.scheduledreports.spring.ScheduledReportsBuilderCustomizer;
import io.scheduledreports.spring.ScheduledReportsLimitsProperties;
import java.util.Map;
import org.springframework.core.Ordered;

/**
 * Applies {@code scheduled-reports.access.*}, {@code .manual-runs.*} and {@code .tenant-limits.*} to the
 * builder, before the host's own customizers (which may override). Every refusal names the property.
 */
public final class LimitsConfigurer implements ScheduledReportsBuilderCustomizer, Ordered {

    private static final String PREFIX = "scheduled-reports.";

    private final ScheduledReportsLimitsProperties properties;
    private final boolean hostLimiter;

    /**
     * Creates the configurer.
     *
     * @param properties the properties
     * @param hostLimiter whether the host supplies its own {@code TenantLimiter} bean (then tenant-limits are not
     *     applied: the bean wins)
     */
    public LimitsConfigurer(ScheduledReportsLimitsProperties properties, boolean hostLimiter) {
        this.properties = properties;
        this.hostLimiter = hostLimiter;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void customize(ScheduledReports.Builder builder) {
        apply(PREFIX + "access.visibility", properties.getAccess().getVisibility(), builder::visibility);
        ScheduledReportsLimitsProperties.ManualRuns m = properties.getManualRuns();
        ManualRunLimits manual = get(
                PREFIX + "manual-runs.cooldown",
                () -> ManualRunLimits.ofDefaults().withCooldown(m.getCooldown()));
        manual = withCap(manual, m.getMaxPerTenantPerHour());
        builder.manualRuns(manual);
        ScheduledReportsLimitsProperties.TenantConcurrency t = properties.getTenantLimits();
        if (t.isEnabled() && !hostLimiter) {
            TenantLimits limits =
                    get(PREFIX + "tenant-limits.max-concurrent", () -> TenantLimits.of(t.getMaxConcurrent()));
            for (Map.Entry<String, Integer> e : t.getTenants().entrySet()) {
                TenantLimits base = limits;
                limits = get(
                        PREFIX + "tenant-limits.tenants." + e.getKey(),
                        () -> base.withTenant(e.getKey(), e.getValue() == null ? 0 : e.getValue()));
            }
            builder.tenantLimits(limits);
        }
    }

    private static ManualRunLimits withCap(ManualRunLimits base, int cap) {
        return get(PREFIX + "manual-runs.max-per-tenant-per-hour", () -> base.withMaxPerTenantPerHour(cap));
    }
}
