package io.scheduledreports.spring;

import io.scheduledreports.core.ManualRunLimits;
import io.scheduledreports.core.Visibility;
import io.scheduledreports.core.limits.TenantLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Abuse controls, least privilege inside a tenant and safe health checks: {@code scheduled-reports.access.*},
 * {@code scheduled-reports.manual-runs.*}, {@code scheduled-reports.tenant-limits.*} and
 * {@code scheduled-reports.health.smtp.*}. The defaults are the
 * library's safe defaults ({@link Visibility#OWNER}, {@link ManualRunLimits#ofDefaults()}); tenant concurrency
 * limits are off unless enabled (or a {@link io.scheduledreports.spi.TenantLimiter} bean is present, which wins).
 */
@ConfigurationProperties("scheduled-reports")
public class ScheduledReportsLimitsProperties {

    private final Access access = new Access();

    private final ManualRuns manualRuns = new ManualRuns();

    private final TenantConcurrency tenantLimits = new TenantConcurrency();

    private final Health health = new Health();

    public Health getHealth() {
        return this.health;
    }

    public Access getAccess() {
        return this.access;
    }

    public ManualRuns getManualRuns() {
        return this.manualRuns;
    }

    public TenantConcurrency getTenantLimits() {
        return this.tenantLimits;
    }

    /** What callers may read inside their tenant. */
    public static class Access {

        /**
         * What non-admins may read: OWNER (their own schedules only), RECIPIENTS (also the schedules with a
         * recipient destination equal to their user id) or TENANT (every schedule of the tenant).
         */
        private Visibility visibility = Visibility.OWNER;

        public Visibility getVisibility() {
            return this.visibility;
        }

        public void setVisibility(Visibility visibility) {
            this.visibility = visibility;
        }
    }

    /** Limits on "run now". */
    public static class ManualRuns {

        /** Minimum time between two manual runs of one schedule (0 turns it off, at most 24h). */
        private Duration cooldown = Duration.ofSeconds(ManualRunLimits.DEFAULT_COOLDOWN_SECONDS);

        /** Maximum manual runs per tenant in any hour (1-100000). */
        private int maxPerTenantPerHour = ManualRunLimits.DEFAULT_MAX_PER_TENANT_PER_HOUR;

        public Duration getCooldown() {
            return this.cooldown;
        }

        public void setCooldown(Duration cooldown) {
            this.cooldown = cooldown;
        }

        public int getMaxPerTenantPerHour() {
            return this.maxPerTenantPerHour;
        }

        public void setMaxPerTenantPerHour(int maxPerTenantPerHour) {
            this.maxPerTenantPerHour = maxPerTenantPerHour;
        }
    }

    /** Health checks. */
    public static class Health {

        private final SmtpHealth smtp = new SmtpHealth();

        public SmtpHealth getSmtp() {
            return this.smtp;
        }
    }

    /** The mail server check of the health indicator. */
    public static class SmtpHealth {

        /** Maximum age of a mail server check before the next health request starts a new one (in the background). */
        private Duration cacheDuration = Duration.ofSeconds(60);

        /** Maximum time a health request waits for a fresh mail server check before it answers DOWN. */
        private Duration timeout = Duration.ofSeconds(3);

        public Duration getCacheDuration() {
            return this.cacheDuration;
        }

        public void setCacheDuration(Duration cacheDuration) {
            this.cacheDuration = cacheDuration;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** Concurrent generations per tenant, across the cluster. */
    public static class TenantConcurrency {

        /** Whether concurrent generations per tenant are limited cluster-wide (on the library's tables). */
        private boolean enabled = false;

        /** Maximum concurrent generations of a tenant. */
        private int maxConcurrent = TenantLimits.DEFAULT_LIMIT;

        /** Maximum concurrent generations of single tenants, by tenant id. */
        private Map<String, Integer> tenants = new LinkedHashMap<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxConcurrent() {
            return this.maxConcurrent;
        }

        public void setMaxConcurrent(int maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }

        public Map<String, Integer> getTenants() {
            return this.tenants;
        }

        public void setTenants(Map<String, Integer> tenants) {
            this.tenants = tenants;
        }
    }
}
