package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Recipients and privacy: {@code scheduled-reports.privacy.*}. */
@ConfigurationProperties("scheduled-reports.privacy")
public class ScheduledReportsPrivacyProperties {

    /** Per-recipient unsubscribe links in every delivery (needs the download-link keys). */
    private final Unsubscribe unsubscribe = new Unsubscribe();

    /** Default recipient policy of every tenant (e-mail recipients). */
    private final Recipients recipients = new Recipients();

    /** Hard bounces (permanent refusals of a recipient). */
    private final Bounces bounces = new Bounces();

    /** The weekly summary to schedule owners. */
    private final WeeklySummary weeklySummary = new WeeklySummary();

    public Bounces getBounces() {
        return this.bounces;
    }

    public WeeklySummary getWeeklySummary() {
        return this.weeklySummary;
    }

    public Unsubscribe getUnsubscribe() {
        return this.unsubscribe;
    }

    public Recipients getRecipients() {
        return this.recipients;
    }

    /** Recipient rules: the defaults here, per-tenant overrides under "tenants.<id>". */
    public static class Recipients extends Rules {

        /** Per-tenant rules by tenant id; a tenant listed here does not inherit the defaults. */
        private Map<String, Rules> tenants = new LinkedHashMap<>();

        public Map<String, Rules> getTenants() {
            return this.tenants;
        }

        public void setTenants(Map<String, Rules> tenants) {
            this.tenants = tenants;
        }
    }

    /** One tenant's recipient rules. */
    public static class Rules {

        /** The tenant's own e-mail domains (subdomains included); empty: every address counts as internal. */
        private Set<String> internalDomains = new LinkedHashSet<>();

        /** Whether addresses outside the internal domains are allowed at all. */
        private boolean externalAllowed = true;

        /** Maximum external recipients per schedule (when external ones are allowed); empty: no limit. */
        private Integer maxExternal;

        public Set<String> getInternalDomains() {
            return this.internalDomains;
        }

        public void setInternalDomains(Set<String> internalDomains) {
            this.internalDomains = internalDomains;
        }

        public boolean isExternalAllowed() {
            return this.externalAllowed;
        }

        public void setExternalAllowed(boolean externalAllowed) {
            this.externalAllowed = externalAllowed;
        }

        public Integer getMaxExternal() {
            return this.maxExternal;
        }

        public void setMaxExternal(Integer maxExternal) {
            this.maxExternal = maxExternal;
        }
    }

    /** Hard bounces. */
    public static class Bounces {

        /** Permanent refusals in a row after which a recipient is marked bounced and gets nothing more (1-100). */
        private int threshold = ScheduledReports.Builder.DEFAULT_BOUNCE_THRESHOLD;

        public int getThreshold() {
            return this.threshold;
        }

        public void setThreshold(int threshold) {
            this.threshold = threshold;
        }
    }

    /**
     * The weekly summary to schedule owners, sent through the failure-notification channel to the address its owner
     * resolver gives (the host configures failure notifications with a builder customizer).
     */
    public static class WeeklySummary {

        /** Whether owners get a weekly summary. */
        private boolean enabled = false;

        /** Day of the week it goes out. */
        private DayOfWeek day = io.scheduledreports.core.recipients.WeeklySummary.DEFAULT_DAY;

        /** Local time it goes out (whole minutes). */
        private LocalTime time = io.scheduledreports.core.recipients.WeeklySummary.DEFAULT_TIME;

        /** Time zone of the day and time. */
        private ZoneId zone = io.scheduledreports.core.recipients.WeeklySummary.DEFAULT_ZONE;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public DayOfWeek getDay() {
            return this.day;
        }

        public void setDay(DayOfWeek day) {
            this.day = day;
        }

        public LocalTime getTime() {
            return this.time;
        }

        public void setTime(LocalTime time) {
            this.time = time;
        }

        public ZoneId getZone() {
            return this.zone;
        }

        public void setZone(ZoneId zone) {
            this.zone = zone;
        }
    }

    /** Signed one-click unsubscribe links (RFC 8058), signed with the download-link keys. */
    public static class Unsubscribe {

        /**
         * Absolute URL of the unsubscribe endpoint, e.g. "https://app.example.com/api/v1/unsubscribe". Links are on
         * when this is set (and "scheduled-reports.download-links.keys.*" are).
         */
        private URI baseUrl;

        /** How long an unsubscribe link works (at most 366 days). */
        private Duration validity = Duration.ofDays(365);

        public URI getBaseUrl() {
            return this.baseUrl;
        }

        public void setBaseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Duration getValidity() {
            return this.validity;
        }

        public void setValidity(Duration validity) {
            this.validity = validity;
        }
    }
}
