package io.scheduledreports.spring;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Recipients and privacy: {@code scheduled-reports.privacy.*}. */
@ConfigurationProperties("scheduled-reports.privacy")
public class ScheduledReportsPrivacyProperties {

    /** Per-recipient unsubscribe links in every delivery (needs the download-link keys). */
    private final Unsubscribe unsubscribe = new Unsubscribe();

    public Unsubscribe getUnsubscribe() {
        return this.unsubscribe;
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
