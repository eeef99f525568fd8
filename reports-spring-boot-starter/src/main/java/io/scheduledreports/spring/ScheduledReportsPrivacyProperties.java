package io.scheduledreports.spring;

import java.net.URI;
import java.time.Duration;
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
