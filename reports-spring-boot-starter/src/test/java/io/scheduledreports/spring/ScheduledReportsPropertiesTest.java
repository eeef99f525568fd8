package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.DeadLetterPolicy;
import io.scheduledreports.core.DeliveryQueueLimits;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.Quotas;
import io.scheduledreports.core.RetryPolicy;
import io.scheduledreports.core.RetryStrategy;
import io.scheduledreports.core.ScheduledReports.Builder;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.delivery.email.EmailSettings;
import io.scheduledreports.delivery.email.EmailTemplates;
import io.scheduledreports.spi.ErrorCategory;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The documented defaults (field initialisers and the generated metadata) are the library's own. */
class ScheduledReportsPropertiesTest {

    private final ScheduledReportsProperties p = new ScheduledReportsProperties();

    @Test
    void engineDefaultsMatchTheBuilder() {
        assertThat(p.isEnabled()).isTrue();
        assertThat(p.getTablePrefix()).isEmpty();
        assertThat(p.getWorkerThreads()).isEqualTo(Builder.DEFAULT_WORKER_THREADS);
        assertThat(p.getPollingInterval()).isEqualTo(PollingSettings.DEFAULT_POLLING_INTERVAL);
        assertThat(p.getHeartbeatInterval()).isEqualTo(PollingSettings.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(p.getMissedHeartbeatsLimit()).isEqualTo(PollingSettings.DEFAULT_MISSED_HEARTBEATS);
        assertThat(p.getGenerationTimeout()).isEqualTo(Builder.DEFAULT_GENERATION_TIMEOUT);
        assertThat(p.getMaxGenerationTimeout()).isEqualTo(Builder.DEFAULT_MAX_GENERATION_TIMEOUT);
        assertThat(p.getMisfireThreshold()).isEqualTo(Builder.DEFAULT_MISFIRE_THRESHOLD);
        assertThat(p.getMaxCatchUpRuns()).isEqualTo(Builder.DEFAULT_MAX_CATCH_UP_RUNS);
        assertThat(p.getDeferDelay()).isEqualTo(Builder.DEFAULT_DEFER_DELAY);
        assertThat(p.getPreviewTimeout()).isEqualTo(Builder.DEFAULT_PREVIEW_TIMEOUT);
        assertThat(p.getMaxClockSkew()).isEqualTo(Builder.DEFAULT_MAX_CLOCK_SKEW);
        assertThat(p.isCheckOnStartup())
                .as("the check runs at start-up only when asked")
                .isFalse();
        assertThat(p.getArtifactRetention()).isEqualTo(Builder.DEFAULT_ARTIFACT_RETENTION);
        assertThat(p.getDeadLetterAlertThreshold()).isEqualTo(DeadLetterPolicy.DEFAULT_ALERT_THRESHOLD);
    }

    @Test
    void policyDefaultsMatchTheLibrary() {
        assertThat(p.getQuotas().getMaxSchedulesPerOwner()).isEqualTo(Quotas.DEFAULT_MAX_SCHEDULES_PER_OWNER);
        assertThat(p.getQuotas().getMaxSchedulesPerTenant()).isEqualTo(Quotas.DEFAULT_MAX_SCHEDULES_PER_TENANT);
        assertThat(p.getQuotas().getMinInterval()).isEqualTo(Quotas.DEFAULT_MIN_INTERVAL);
        assertThat(p.getQuotas().getMaxRecipients()).isEqualTo(Quotas.DEFAULT_MAX_RECIPIENTS);
        assertThat(p.getDiskGuard().getFloor().toBytes()).isEqualTo(DiskGuard.DEFAULT_FLOOR_BYTES);
        assertThat(p.getDiskGuard().getWarn().toBytes()).isEqualTo(DiskGuard.DEFAULT_WARN_BYTES);
        assertSame(p.getRetry().getGeneration(), RetryPolicy.ofDefaults());
        assertSame(p.getRetry().getDelivery(), RetryStrategy.DEFAULT_DELIVERY);
        assertSame(p.getRetry().getNetwork(), RetryStrategy.DEFAULT_NETWORK);
        assertSame(p.getRetry().getSystem(), RetryStrategy.DEFAULT_SYSTEM);
        RetryStrategy generation = RetryStrategy.ofDefaults();
        assertThat(p.getRetry().getData().getMaxAttempts())
                .isEqualTo(generation.policyFor(ErrorCategory.DATA).maxAttempts())
                .isEqualTo(1);
        assertThat(p.getRetry().getConfiguration().getMaxAttempts())
                .isEqualTo(generation.policyFor(ErrorCategory.CONFIGURATION).maxAttempts())
                .isEqualTo(1);
        assertThat(p.getRetry().getMaxRetryAfter()).isEqualTo(RetryStrategy.DEFAULT_MAX_RETRY_AFTER);
        assertThat(p.getDeliveryQueue().getMaxPendingPerChannel())
                .isEqualTo(DeliveryQueueLimits.DEFAULT_MAX_PENDING_PER_CHANNEL);
        assertThat(p.getDeliveryQueue().getAlertThreshold()).isEqualTo(DeliveryQueueLimits.DEFAULT_ALERT_THRESHOLD);
        assertThat(p.getDeadLetterCap()).isEqualTo(DeadLetterPolicy.DEFAULT_CAP);
        assertThat(p.getDownloadLinks().getValidity()).isEqualTo(DownloadLinkConfig.DEFAULT_VALIDITY);
    }

    @Test
    void emailDefaultsMatchTheEmailSettings() {
        ScheduledReportsProperties.Email e = p.getEmail();
        assertThat(e.getConnectTimeout()).isEqualTo(EmailSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(e.getReadTimeout()).isEqualTo(EmailSettings.DEFAULT_READ_TIMEOUT);
        assertThat(e.getWriteTimeout()).isEqualTo(EmailSettings.DEFAULT_WRITE_TIMEOUT);
        assertThat(e.getMaxAttachmentSize().toBytes()).isEqualTo(EmailSettings.DEFAULT_MAX_ATTACHMENT_SIZE);
        assertThat(e.isCompressAttachments()).isEqualTo(EmailSettings.DEFAULT_COMPRESS_ATTACHMENTS);
        assertThat(e.getMaxIdleConnections()).isEqualTo(EmailSettings.DEFAULT_MAX_IDLE_CONNECTIONS);
        assertThat(e.getConnectionIdleTimeout()).isEqualTo(EmailSettings.DEFAULT_CONNECTION_IDLE_TIMEOUT);
        assertThat(e.getSecurity()).isNull(); // documented default below
    }

    /** What a reader of the configuration metadata (IDE, docs) is told is what the library does. */
    @Test
    void generatedMetadataDocumentsTheLibraryDefaults() throws Exception {
        Map<String, JsonNode> defaults = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in)
                    .as("metadata generated by spring-boot-configuration-processor")
                    .isNotNull();
            JsonMapper.builder().build().readTree(in).get("properties").forEach(prop -> {
                if (prop.has("defaultValue")) {
                    defaults.put(prop.get("name").asString(), prop.get("defaultValue"));
                }
            });
        }
        assertThat(duration(defaults, "polling-interval")).isEqualTo(PollingSettings.DEFAULT_POLLING_INTERVAL);
        assertThat(duration(defaults, "heartbeat-interval")).isEqualTo(PollingSettings.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(duration(defaults, "generation-timeout")).isEqualTo(Builder.DEFAULT_GENERATION_TIMEOUT);
        assertThat(duration(defaults, "max-generation-timeout")).isEqualTo(Builder.DEFAULT_MAX_GENERATION_TIMEOUT);
        assertThat(duration(defaults, "misfire-threshold")).isEqualTo(Builder.DEFAULT_MISFIRE_THRESHOLD);
        assertThat(duration(defaults, "defer-delay")).isEqualTo(Builder.DEFAULT_DEFER_DELAY);
        assertThat(duration(defaults, "preview-timeout")).isEqualTo(Builder.DEFAULT_PREVIEW_TIMEOUT);
        assertThat(duration(defaults, "max-clock-skew")).isEqualTo(Builder.DEFAULT_MAX_CLOCK_SKEW);
        assertThat(duration(defaults, "artifact-retention")).isEqualTo(Builder.DEFAULT_ARTIFACT_RETENTION);
        assertThat(duration(defaults, "quotas.min-interval")).isEqualTo(Quotas.DEFAULT_MIN_INTERVAL);
        assertThat(duration(defaults, "download-links.validity")).isEqualTo(DownloadLinkConfig.DEFAULT_VALIDITY);
        assertThat(duration(defaults, "email.read-timeout")).isEqualTo(EmailSettings.DEFAULT_READ_TIMEOUT);
        assertThat(defaults.get("scheduled-reports.worker-threads").asInt()).isEqualTo(Builder.DEFAULT_WORKER_THREADS);
        assertThat(defaults.get("scheduled-reports.max-catch-up-runs").asInt())
                .isEqualTo(Builder.DEFAULT_MAX_CATCH_UP_RUNS);
        assertThat(defaults.get("scheduled-reports.quotas.max-recipients").asInt())
                .isEqualTo(Quotas.DEFAULT_MAX_RECIPIENTS);
        assertThat(DataSize.parse(defaults.get("scheduled-reports.disk-guard.floor")
                                .asString())
                        .toBytes())
                .isEqualTo(DiskGuard.DEFAULT_FLOOR_BYTES);
        assertThat(DataSize.parse(defaults.get("scheduled-reports.email.max-attachment-size")
                                .asString())
                        .toBytes())
                .isEqualTo(EmailSettings.DEFAULT_MAX_ATTACHMENT_SIZE);
        List<Duration> backoff = new java.util.ArrayList<>();
        for (JsonNode n : defaults.get("scheduled-reports.retry.generation.backoff")) {
            backoff.add(DurationStyle.detectAndParse(n.asString()));
        }
        assertThat(backoff).isEqualTo(RetryPolicy.DEFAULT_BACKOFF);
        assertThat(backoffs(defaults, "delivery")).isEqualTo(RetryStrategy.DEFAULT_DELIVERY.backoff());
        assertThat(backoffs(defaults, "network")).isEqualTo(RetryStrategy.DEFAULT_NETWORK.backoff());
        assertThat(backoffs(defaults, "system")).isEqualTo(RetryStrategy.DEFAULT_SYSTEM.backoff());
        assertThat(defaults.get("scheduled-reports.retry.delivery.max-attempts").asInt())
                .isEqualTo(RetryStrategy.DEFAULT_DELIVERY.maxAttempts());
        assertThat(defaults.get("scheduled-reports.retry.network.max-attempts").asInt())
                .isEqualTo(RetryStrategy.DEFAULT_NETWORK.maxAttempts());
        assertThat(defaults.get("scheduled-reports.retry.data.max-attempts").asInt())
                .isEqualTo(1);
        assertThat(defaults.get("scheduled-reports.delivery-queue.max-pending-per-channel")
                        .asInt())
                .isEqualTo(DeliveryQueueLimits.DEFAULT_MAX_PENDING_PER_CHANNEL);
        assertThat(defaults.get("scheduled-reports.dead-letter-cap").asInt()).isEqualTo(DeadLetterPolicy.DEFAULT_CAP);
        assertThat(defaults.get("scheduled-reports.retry.delivery.jitter").asDouble())
                .isEqualTo(RetryPolicy.DEFAULT_JITTER);
        assertThat(defaults.get("scheduled-reports.email.security")
                        .asString()
                        .toUpperCase()
                        .replace('-', '_'))
                .isEqualTo(EmailSettings.DEFAULT_SECURITY.name());
        assertThat(defaults.get("scheduled-reports.email.default-subject").asString())
                .isEqualTo(EmailTemplates.DEFAULT_SUBJECT);
        assertThat(defaults.get("scheduled-reports.api.base-path").asString()).isEqualTo("/api/v1");
        assertThat(defaults.get("scheduled-reports.api.openapi-enabled").asBoolean())
                .as("scheduled-reports.api.openapi-enabled")
                .isTrue()
                .isEqualTo(new ScheduledReportsProperties().getApi().isOpenapiEnabled());
    }

    private static Duration duration(Map<String, JsonNode> defaults, String name) {
        JsonNode value = defaults.get("scheduled-reports." + name);
        assertThat(value).as("documented default of scheduled-reports.%s", name).isNotNull();
        return DurationStyle.detectAndParse(value.asString());
    }

    private static void assertSame(ScheduledReportsProperties.Attempts a, RetryPolicy policy) {
        assertThat(a.getMaxAttempts()).isEqualTo(policy.maxAttempts());
        assertThat(a.getBackoff()).isEqualTo(policy.backoff());
        assertThat(a.getJitter()).isEqualTo(policy.jitter());
    }

    private static List<Duration> backoffs(Map<String, JsonNode> defaults, String name) {
        List<Duration> backoff = new java.util.ArrayList<>();
        for (JsonNode n : defaults.get("scheduled-reports.retry." + name + ".backoff")) {
            backoff.add(DurationStyle.detectAndParse(n.asString()));
        }
        return backoff;
    }
}
