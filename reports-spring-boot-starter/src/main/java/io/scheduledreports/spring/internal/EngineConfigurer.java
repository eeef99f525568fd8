package io.scheduledreports.spring.internal;

import static io.scheduledreports.spring.internal.PropertyApplier.apply;
import static io.scheduledreports.spring.internal.PropertyApplier.get;

import io.scheduledreports.core.DeadLetterPolicy;
import io.scheduledreports.core.DeliveryQueueLimits;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.Quotas;
import io.scheduledreports.core.RetentionPolicy;
import io.scheduledreports.core.RetryPolicy;
import io.scheduledreports.core.RetryStrategy;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spring.ScheduledReportsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Applies {@code scheduled-reports.*} to the engine's builder; every refusal names the property. */
public final class EngineConfigurer {

    static final String PREFIX = "scheduled-reports.";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EngineConfigurer.class);

    /** The REST API's token download path under {@code basePath}, e.g. {@code /api/v1/report-executions/download}. */
    static String downloadPath(String basePath) {
        String base = basePath == null ? "" : basePath.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/report-executions/download";
    }

    private EngineConfigurer() {}

    /**
     * Applies the properties.
     *
     * @param builder the builder
     * @param p the properties
     * @throws InvalidPropertyException naming the first property with a refused value
     */
    public static void configure(ScheduledReports.Builder builder, ScheduledReportsProperties p) {
        apply(PREFIX + "table-prefix", p.getTablePrefix() == null ? "" : p.getTablePrefix(), builder::tablePrefix);
        if (p.getInstanceName() != null) {
            apply(PREFIX + "instance-name", p.getInstanceName(), builder::instanceName);
        }
        apply(PREFIX + "worker-threads", p.getWorkerThreads(), builder::workerThreads);
        PollingSettings.Builder polling = PollingSettings.builder();
        apply(PREFIX + "polling-interval", p.getPollingInterval(), polling::pollingInterval);
        apply(PREFIX + "heartbeat-interval", p.getHeartbeatInterval(), polling::heartbeatInterval);
        apply(PREFIX + "missed-heartbeats-limit", p.getMissedHeartbeatsLimit(), polling::missedHeartbeatsLimit);
        apply(PREFIX + "batch-firing-size", p.getBatchFiringSize(), polling::batchFiringSize);
        builder.polling(polling.build());
        apply(PREFIX + "generation-timeout", p.getGenerationTimeout(), builder::generationTimeout);
        apply(PREFIX + "max-generation-timeout", p.getMaxGenerationTimeout(), builder::maxGenerationTimeout);
        if (p.getGenerationTimeout().compareTo(p.getMaxGenerationTimeout()) > 0) {
            throw new InvalidPropertyException(
                    PREFIX + "generation-timeout",
                    "must not exceed scheduled-reports.max-generation-timeout ("
                            + Durations.format(p.getMaxGenerationTimeout()) + "), was "
                            + Durations.format(p.getGenerationTimeout()),
                    null);
        }
        apply(PREFIX + "misfire-threshold", p.getMisfireThreshold(), builder::misfireThreshold);
        apply(PREFIX + "max-catch-up-runs", p.getMaxCatchUpRuns(), builder::maxCatchUpRuns);
        apply(PREFIX + "defer-delay", p.getDeferDelay(), builder::deferDelay);
        apply(PREFIX + "preview-timeout", p.getPreviewTimeout(), builder::previewTimeout);
        apply(PREFIX + "max-clock-skew", p.getMaxClockSkew(), builder::maxClockSkew);
        apply(
                PREFIX + "artifact-retention",
                p.getArtifactRetention(),
                retention -> builder.retention(RetentionPolicy.ofDefaults().withArtifactRetention(retention)));
        DeadLetterPolicy.Builder deadLetters = DeadLetterPolicy.builder();
        apply(PREFIX + "dead-letter-alert-threshold", p.getDeadLetterAlertThreshold(), deadLetters::alertThreshold);
        apply(PREFIX + "dead-letter-cap", p.getDeadLetterCap(), deadLetters::cap);
        builder.deadLetters(deadLetters.build());
        builder.quotas(quotas(p.getQuotas()));
        builder.diskGuard(diskGuard(p.getDiskGuard()));
        builder.generationRetry(generationRetry(p.getRetry()));
        builder.deliveryRetry(deliveryRetry(p.getRetry()));
        ScheduledReportsProperties.DeliveryQueue q = p.getDeliveryQueue();
        builder.deliveryQueue(get(
                PREFIX + "delivery-queue",
                () -> new DeliveryQueueLimits(q.getMaxPendingPerChannel(), q.getAlertThreshold())));
        ScheduledReportsProperties.DownloadLinks links = p.getDownloadLinks();
        if (links.getBaseUrl() != null || !links.getKeys().isEmpty()) {
            DownloadLinkConfig config = downloadLinks(links);
            if (links.getBaseUrl() == null) {
                throw new InvalidPropertyException(
                        PREFIX + "download-links.base-url",
                        "is required when download-links keys are set: the absolute URL of the token download"
                                + " endpoint, e.g. https://app.example.com/api/v1/report-executions/download",
                        null);
            }
            apply(PREFIX + "download-links.base-url", links.getBaseUrl(), url -> builder.downloadLinks(config, url));
            String expected = downloadPath(p.getApi().getBasePath());
            String path = links.getBaseUrl().getRawPath();
            if (p.getApi().isEnabled() && !path.endsWith(expected)) {
                log.warn(
                        "scheduled-reports.download-links.base-url is '{}', whose path does not end with this API's"
                                + " token download path '{}': links in e-mails will only work if '{}' is routed"
                                + " there (a proxy or your own download endpoint)",
                        links.getBaseUrl(),
                        expected,
                        path);
            }
        }
    }

    /**
     * The default artifact store: the configured directory (created and checked for writing). There is no
     * temp-directory default: temp cleaners delete files before their retention ends, and a cluster needs storage
     * every instance can read.
     */
    public static LocalDirectoryArtifactStore artifactStore(ScheduledReportsProperties p) {
        String property = PREFIX + "artifact-directory";
        Path dir = p.getArtifactDirectory();
        if (dir == null) {
            throw new InvalidPropertyException(
                    property,
                    "is required: set it to a directory of this application's own (one a cluster's instances all"
                            + " mount), or define an ArtifactStore bean, e.g. S3 storage with"
                            + " scheduled-reports.storage.s3.bucket",
                    null);
        }
        LocalDirectoryArtifactStore store;
        try {
            store = new LocalDirectoryArtifactStore(dir);
        } catch (IllegalStateException e) {
            throw new InvalidPropertyException(property, e.getMessage().replace("artifactStore: ", ""), e);
        } catch (UncheckedIOException e) {
            throw new InvalidPropertyException(
                    property,
                    "cannot create directory '" + dir.toAbsolutePath() + "' (" + e.getCause() + "); point it at a"
                            + " writable directory",
                    e);
        }
        try {
            Path probe = Files.createTempFile(store.root(), ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new InvalidPropertyException(
                    property,
                    "directory '" + store.root() + "' is not writable (" + e + "); point it at a writable directory",
                    e);
        }
        return store;
    }

    static Quotas quotas(ScheduledReportsProperties.Quotas q) {
        String prefix = PREFIX + "quotas.";
        Quotas.Builder b = Quotas.builder();
        apply(prefix + "max-schedules-per-owner", q.getMaxSchedulesPerOwner(), b::maxSchedulesPerOwner);
        apply(prefix + "max-schedules-per-tenant", q.getMaxSchedulesPerTenant(), b::maxSchedulesPerTenant);
        apply(prefix + "min-interval", q.getMinInterval(), b::minInterval);
        apply(prefix + "max-recipients", q.getMaxRecipients(), b::maxRecipients);
        for (Map.Entry<String, ScheduledReportsProperties.TenantQuotas> e :
                q.getTenants().entrySet()) {
            ScheduledReportsProperties.TenantQuotas t = e.getValue();
            Quotas.Limits limits = get(
                    prefix + "tenants." + e.getKey(),
                    () -> new Quotas.Limits(
                            t.getMaxSchedulesPerOwner() != null
                                    ? t.getMaxSchedulesPerOwner()
                                    : q.getMaxSchedulesPerOwner(),
                            t.getMaxSchedulesPerTenant() != null
                                    ? t.getMaxSchedulesPerTenant()
                                    : q.getMaxSchedulesPerTenant(),
                            t.getMinInterval() != null ? t.getMinInterval() : q.getMinInterval(),
                            t.getMaxRecipients() != null ? t.getMaxRecipients() : q.getMaxRecipients()));
            b.tenant(e.getKey(), limits);
        }
        return b.build();
    }

    /** The disk guard the properties describe. */
    public static DiskGuard diskGuardOf(ScheduledReportsProperties p) {
        return diskGuard(p.getDiskGuard());
    }

    static DiskGuard diskGuard(ScheduledReportsProperties.DiskGuard d) {
        if (!d.isEnabled()) {
            return DiskGuard.disabled();
        }
        if (d.getFloor() == null || d.getFloor().isNegative()) {
            throw new InvalidPropertyException(
                    PREFIX + "disk-guard.floor", "must be 0 or more bytes, was " + d.getFloor(), null);
        }
        if (d.getWarn() == null || d.getWarn().compareTo(d.getFloor()) < 0) {
            throw new InvalidPropertyException(
                    PREFIX + "disk-guard.warn",
                    "must not be below scheduled-reports.disk-guard.floor (" + d.getFloor() + "), was " + d.getWarn(),
                    null);
        }
        return new DiskGuard(d.getFloor().toBytes(), d.getWarn().toBytes(), null);
    }

    /** Generation: network, system, data and configuration errors by their own policy, the rest by "generation". */
    static RetryStrategy generationRetry(ScheduledReportsProperties.Retry r) {
        RetryStrategy.Builder b = RetryStrategy.builder().fallback(retry("retry.generation", r.getGeneration()));
        b.category(ErrorCategory.NETWORK, retry("retry.network", r.getNetwork()));
        b.category(ErrorCategory.SYSTEM, retry("retry.system", r.getSystem()));
        b.category(ErrorCategory.DATA, retry("retry.data", r.getData()));
        b.category(ErrorCategory.CONFIGURATION, retry("retry.configuration", r.getConfiguration()));
        apply(PREFIX + "retry.max-retry-after", r.getMaxRetryAfter(), b::maxRetryAfter);
        return b.build();
    }

    /** Each delivery: "delivery" for every category it retries (never data, configuration, permission). */
    static RetryStrategy deliveryRetry(ScheduledReportsProperties.Retry r) {
        RetryStrategy.Builder b = RetryStrategy.uniform(retry("retry.delivery", r.getDelivery())).toBuilder();
        apply(PREFIX + "retry.max-retry-after", r.getMaxRetryAfter(), b::maxRetryAfter);
        return b.build();
    }

    static RetryPolicy retry(String name, ScheduledReportsProperties.Attempts a) {
        String prefix = PREFIX + name + ".";
        RetryPolicy.Builder b = RetryPolicy.builder();
        apply(prefix + "max-attempts", a.getMaxAttempts(), b::maxAttempts);
        apply(
                prefix + "backoff",
                a.getBackoff() == null ? new Duration[0] : a.getBackoff().toArray(Duration[]::new),
                b::backoff);
        apply(prefix + "jitter", a.getJitter(), b::jitter);
        return b.build();
    }

    static DownloadLinkConfig downloadLinks(ScheduledReportsProperties.DownloadLinks links) {
        String prefix = PREFIX + "download-links.";
        DownloadLinkConfig.Builder b = DownloadLinkConfig.builder();
        links.getKeys().forEach((id, secret) -> apply(prefix + "keys." + id, secret, s -> b.base64Key(id, s)));
        apply(prefix + "validity", links.getValidity(), b::validity);
        return get(prefix + "keys", b::build);
    }
}
