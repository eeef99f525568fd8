package io.scheduledreports.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of Scheduled Reports ({@code scheduled-reports.*}). Every default here equals the library's own
 * ({@code ScheduledReports.Builder.DEFAULT_*}, {@code Quotas}, {@code DiskGuard}, {@code RetryPolicy},
 * {@code EmailSettings}); a test keeps them in step. Values are checked when the application starts: a bad value
 * stops it with a message that names the property.
 */
@ConfigurationProperties("scheduled-reports")
public class ScheduledReportsProperties {

    /** Whether Scheduled Reports is auto-configured. */
    private boolean enabled = true;

    /** Prefix of every table the library creates, e.g. "rpt_" (letters, digits and underscores). */
    private String tablePrefix = "";

    /** Name of this instance in the task table. Defaults to the host name. */
    private String instanceName;

    /** Maximum number of threads that generate and deliver reports on this instance (1-256). */
    private int workerThreads = 8;

    /** How often due work is looked for (50ms to 1h). */
    private Duration pollingInterval = Duration.ofSeconds(10);

    /** Heartbeat of running work (100ms to 1h). */
    private Duration heartbeatInterval = Duration.ofSeconds(5);

    /** Maximum missed heartbeats before another instance takes over running work (4-100). */
    private int missedHeartbeatsLimit = 6;

    /**
     * When timers fall behind (thousands of schedules due in the same minute), how many other due schedules a worker
     * fires per transaction, in batches while they come back full, queueing their reports for every worker (0 = off,
     * up to 1000).
     */
    private int batchFiringSize = 200;

    /** Generation timeout of schedules that do not set their own (1s to 24h). */
    private Duration generationTimeout = Duration.ofMinutes(30);

    /** Maximum generation timeout a schedule may ask for, and a cap on every generation (1s to 24h). */
    private Duration maxGenerationTimeout = Duration.ofHours(2);

    /** Lateness after which a run counts as missed and the schedule's misfire policy applies (1s to 24h). */
    private Duration misfireThreshold = Duration.ofMinutes(5);

    /** Maximum catch-up runs per firing for schedules with the RUN_ALL misfire policy (1-1000). */
    private int maxCatchUpRuns = 10;

    /** Delay before a generation deferred by its tenant's limit is tried again, plus jitter (10ms to 10m). */
    private Duration deferDelay = Duration.ofSeconds(5);

    /**
     * Maximum time a report type may take to produce the sample rows of a schedule preview (100ms to 5m); a slower
     * one is stopped and the preview answers without a sample.
     */
    private Duration previewTimeout = Duration.ofSeconds(10);

    /**
     * Directory where generated files are kept; created when missing and checked for write access at start-up.
     * Required unless an ArtifactStore bean is defined (e.g. by scheduled-reports.storage.s3.bucket): there is no
     * temp-directory default, since temp cleaners delete files before their retention ends.
     */
    private Path artifactDirectory;

    /** How long generated files are kept (1h to 10 years). */
    private Duration artifactRetention = Duration.ofDays(90);

    /**
     * Unresolved dead letters per tenant at which listeners are alerted, once per crossing across the cluster
     * (1-1000000).
     */
    private int deadLetterAlertThreshold = 100;

    /**
     * Maximum dead letters kept per tenant (10-1000000); the oldest resolved and retried ones are dropped first,
     * unresolved ones never (listeners are alerted instead).
     */
    private int deadLetterCap = 1000;

    private final DeliveryQueue deliveryQueue = new DeliveryQueue();

    /**
     * Whether the configuration check (database and schema, each channel's connection, artifact store, signing keys,
     * clock skew; the Actuator endpoint "scheduledreports" shows it) runs at start-up and a failed check stops the
     * application.
     */
    private boolean checkOnStartup = false;

    /** Maximum difference between this JVM's clock and the database's that the configuration check accepts (1ms to 1h). */
    private Duration maxClockSkew = Duration.ofSeconds(5);

    private final Quotas quotas = new Quotas();

    private final DiskGuard diskGuard = new DiskGuard();

    private final Retry retry = new Retry();

    private final DownloadLinks downloadLinks = new DownloadLinks();

    private final Email email = new Email();

    private final Api api = new Api();

    private final Metrics metrics = new Metrics();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTablePrefix() {
        return this.tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    public String getInstanceName() {
        return this.instanceName;
    }

    public void setInstanceName(String instanceName) {
        this.instanceName = instanceName;
    }

    public int getWorkerThreads() {
        return this.workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }

    public Duration getPollingInterval() {
        return this.pollingInterval;
    }

    public void setPollingInterval(Duration pollingInterval) {
        this.pollingInterval = pollingInterval;
    }

    public Duration getHeartbeatInterval() {
        return this.heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public int getMissedHeartbeatsLimit() {
        return this.missedHeartbeatsLimit;
    }

    public void setMissedHeartbeatsLimit(int missedHeartbeatsLimit) {
        this.missedHeartbeatsLimit = missedHeartbeatsLimit;
    }

    public int getBatchFiringSize() {
        return this.batchFiringSize;
    }

    public void setBatchFiringSize(int batchFiringSize) {
        this.batchFiringSize = batchFiringSize;
    }

    public Duration getGenerationTimeout() {
        return this.generationTimeout;
    }

    public void setGenerationTimeout(Duration generationTimeout) {
        this.generationTimeout = generationTimeout;
    }

    public Duration getMaxGenerationTimeout() {
        return this.maxGenerationTimeout;
    }

    public void setMaxGenerationTimeout(Duration maxGenerationTimeout) {
        this.maxGenerationTimeout = maxGenerationTimeout;
    }

    public Duration getMisfireThreshold() {
        return this.misfireThreshold;
    }

    public void setMisfireThreshold(Duration misfireThreshold) {
        this.misfireThreshold = misfireThreshold;
    }

    public int getMaxCatchUpRuns() {
        return this.maxCatchUpRuns;
    }

    public void setMaxCatchUpRuns(int maxCatchUpRuns) {
        this.maxCatchUpRuns = maxCatchUpRuns;
    }

    public Duration getDeferDelay() {
        return this.deferDelay;
    }

    public void setDeferDelay(Duration deferDelay) {
        this.deferDelay = deferDelay;
    }

    public Duration getPreviewTimeout() {
        return this.previewTimeout;
    }

    public void setPreviewTimeout(Duration previewTimeout) {
        this.previewTimeout = previewTimeout;
    }

    public Path getArtifactDirectory() {
        return this.artifactDirectory;
    }

    public void setArtifactDirectory(Path artifactDirectory) {
        this.artifactDirectory = artifactDirectory;
    }

    public Duration getArtifactRetention() {
        return this.artifactRetention;
    }

    public void setArtifactRetention(Duration artifactRetention) {
        this.artifactRetention = artifactRetention;
    }

    public int getDeadLetterAlertThreshold() {
        return this.deadLetterAlertThreshold;
    }

    public void setDeadLetterAlertThreshold(int deadLetterAlertThreshold) {
        this.deadLetterAlertThreshold = deadLetterAlertThreshold;
    }

    public boolean isCheckOnStartup() {
        return checkOnStartup;
    }

    public void setCheckOnStartup(boolean checkOnStartup) {
        this.checkOnStartup = checkOnStartup;
    }

    public Duration getMaxClockSkew() {
        return maxClockSkew;
    }

    public void setMaxClockSkew(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    public Quotas getQuotas() {
        return this.quotas;
    }

    public DiskGuard getDiskGuard() {
        return this.diskGuard;
    }

    public int getDeadLetterCap() {
        return this.deadLetterCap;
    }

    public void setDeadLetterCap(int deadLetterCap) {
        this.deadLetterCap = deadLetterCap;
    }

    public DeliveryQueue getDeliveryQueue() {
        return this.deliveryQueue;
    }

    public Retry getRetry() {
        return this.retry;
    }

    public DownloadLinks getDownloadLinks() {
        return this.downloadLinks;
    }

    public Email getEmail() {
        return this.email;
    }

    public Api getApi() {
        return this.api;
    }

    public Metrics getMetrics() {
        return this.metrics;
    }

    /** Limits checked when a schedule is created, updated or resumed. */
    public static class Quotas {

        /** Maximum active schedules per owner. */
        private int maxSchedulesPerOwner = 10;

        /** Maximum active schedules per tenant. */
        private int maxSchedulesPerTenant = 100;

        /** Shortest interval allowed between two runs of one schedule. */
        private Duration minInterval = Duration.ofHours(1);

        /** Maximum recipients per schedule. */
        private int maxRecipients = 50;

        /** Limits for single tenants, by tenant id; unset values fall back to the limits above. */
        private Map<String, TenantQuotas> tenants = new LinkedHashMap<>();

        public int getMaxSchedulesPerOwner() {
            return this.maxSchedulesPerOwner;
        }

        public void setMaxSchedulesPerOwner(int maxSchedulesPerOwner) {
            this.maxSchedulesPerOwner = maxSchedulesPerOwner;
        }

        public int getMaxSchedulesPerTenant() {
            return this.maxSchedulesPerTenant;
        }

        public void setMaxSchedulesPerTenant(int maxSchedulesPerTenant) {
            this.maxSchedulesPerTenant = maxSchedulesPerTenant;
        }

        public Duration getMinInterval() {
            return this.minInterval;
        }

        public void setMinInterval(Duration minInterval) {
            this.minInterval = minInterval;
        }

        public int getMaxRecipients() {
            return this.maxRecipients;
        }

        public void setMaxRecipients(int maxRecipients) {
            this.maxRecipients = maxRecipients;
        }

        public Map<String, TenantQuotas> getTenants() {
            return this.tenants;
        }

        public void setTenants(Map<String, TenantQuotas> tenants) {
            this.tenants = tenants;
        }
    }

    /** Limits of one tenant; null values take the defaults. */
    public static class TenantQuotas {

        /** Maximum active schedules per owner. */
        private Integer maxSchedulesPerOwner;

        /** Maximum active schedules of the tenant. */
        private Integer maxSchedulesPerTenant;

        /** Shortest interval allowed between two runs of one schedule. */
        private Duration minInterval;

        /** Maximum recipients per schedule. */
        private Integer maxRecipients;

        public Integer getMaxSchedulesPerOwner() {
            return this.maxSchedulesPerOwner;
        }

        public void setMaxSchedulesPerOwner(Integer maxSchedulesPerOwner) {
            this.maxSchedulesPerOwner = maxSchedulesPerOwner;
        }

        public Integer getMaxSchedulesPerTenant() {
            return this.maxSchedulesPerTenant;
        }

        public void setMaxSchedulesPerTenant(Integer maxSchedulesPerTenant) {
            this.maxSchedulesPerTenant = maxSchedulesPerTenant;
        }

        public Duration getMinInterval() {
            return this.minInterval;
        }

        public void setMinInterval(Duration minInterval) {
            this.minInterval = minInterval;
        }

        public Integer getMaxRecipients() {
            return this.maxRecipients;
        }

        public void setMaxRecipients(Integer maxRecipients) {
            this.maxRecipients = maxRecipients;
        }
    }

    /** Free-space guard of the artifact store. */
    public static class DiskGuard {

        /** Whether new generations are refused when the artifact store runs short of space. */
        private boolean enabled = true;

        /** Free space below which new generations are refused (and health is DOWN). */
        private DataSize floor = DataSize.ofGigabytes(1);

        /** Free space below which a warning is logged and shown in the health details. */
        private DataSize warn = DataSize.ofGigabytes(5);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public DataSize getFloor() {
            return this.floor;
        }

        public void setFloor(DataSize floor) {
            this.floor = floor;
        }

        public DataSize getWarn() {
            return this.warn;
        }

        public void setWarn(DataSize warn) {
            this.warn = warn;
        }
    }

    /**
     * Retries: of generation (per error category: network, system, data, configuration; timeout and unknown errors
     * follow "generation") and of each delivery.
     */
    public static class Retry {

        private final Attempts generation = new Attempts();

        private final Attempts delivery =
                new Attempts(6, List.of(minutes(1), minutes(2), minutes(4), minutes(8), minutes(16)));

        /** Network errors of generation: exponential backoff with jitter. */
        private final Attempts network = new Attempts(4, List.of(minutes(1), minutes(4), minutes(16)));

        /** System errors of generation (local resource, internal fault): up to 3 retries. */
        private final Attempts system = new Attempts(4, List.of(minutes(1), minutes(5), minutes(15)));

        /** Data errors of generation: never retried by default (the same input fails the same way). */
        private final Attempts data = new Attempts(1, List.of(minutes(1)));

        /** Configuration errors of generation: never retried by default; the tenant's admins are alerted. */
        private final Attempts configuration = new Attempts(1, List.of(minutes(1)));

        /** Longest Retry-After (HTTP 429/503) a far side may ask for; it is waited for as told up to this. */
        private Duration maxRetryAfter = Duration.ofHours(24);

        private static Duration minutes(long n) {
            return Duration.ofMinutes(n);
        }

        public Attempts getGeneration() {
            return this.generation;
        }

        public Attempts getDelivery() {
            return this.delivery;
        }

        public Attempts getNetwork() {
            return this.network;
        }

        public Attempts getSystem() {
            return this.system;
        }

        public Attempts getData() {
            return this.data;
        }

        public Attempts getConfiguration() {
            return this.configuration;
        }

        public Duration getMaxRetryAfter() {
            return this.maxRetryAfter;
        }

        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }
    }

    /** How one kind of work is retried. */
    public static class Attempts {

        /** Maximum attempts in all, the first included (1-100; 1 means no retries). */
        private int maxAttempts;

        /** Delays before the retries; the last one repeats when there are more retries than delays. */
        private List<Duration> backoff;

        /** Maximum random variation of each delay, as a fraction (0-1). */
        private double jitter = 0.2;

        public Attempts() {
            this(4, List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)));
        }

        Attempts(int maxAttempts, List<Duration> backoff) {
            this.maxAttempts = maxAttempts;
            this.backoff = new ArrayList<>(backoff);
        }

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public List<Duration> getBackoff() {
            return this.backoff;
        }

        public void setBackoff(List<Duration> backoff) {
            this.backoff = backoff;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }
    }

    /** Limits of the delivery queue, per channel. */
    public static class DeliveryQueue {

        /**
         * Maximum pending deliveries per channel; beyond it new generations delivering through that channel wait
         * (deferred, no attempt used) until the backlog drains.
         */
        private int maxPendingPerChannel = 10_000;

        /** Pending deliveries of a channel above which an event, a health warning and a gauge report the backlog. */
        private int alertThreshold = 100;

        public int getMaxPendingPerChannel() {
            return this.maxPendingPerChannel;
        }

        public void setMaxPendingPerChannel(int maxPendingPerChannel) {
            this.maxPendingPerChannel = maxPendingPerChannel;
        }

        public int getAlertThreshold() {
            return this.alertThreshold;
        }

        public void setAlertThreshold(int alertThreshold) {
            this.alertThreshold = alertThreshold;
        }
    }

    /** Signed, expiring download links (used by e-mail above its attachment limit and by the token endpoint). */
    public static class DownloadLinks {

        /**
         * Absolute URL of the token download endpoint, e.g.
         * "https://app.example.com/api/v1/report-executions/download". Links are on when this and a key are set.
         */
        private URI baseUrl;

        /**
         * Signing keys by key id, base64-encoded, at least 32 bytes each ("openssl rand -base64 32"). The first
         * key signs new links; all keys verify, so rotate by putting the new key first.
         */
        private Map<String, String> keys = new LinkedHashMap<>();

        /** How long a link stays valid (at most 366 days). */
        private Duration validity = Duration.ofDays(7);

        public URI getBaseUrl() {
            return this.baseUrl;
        }

        public void setBaseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Map<String, String> getKeys() {
            return this.keys;
        }

        public void setKeys(Map<String, String> keys) {
            this.keys = keys;
        }

        public Duration getValidity() {
            return this.validity;
        }

        public void setValidity(Duration validity) {
            this.validity = validity;
        }
    }

    /**
     * The e-mail channel. Configured when "scheduled-reports.email.host" is set, or else when "spring.mail.host"
     * is (server, port, credentials and "spring.mail.properties.*" are then taken from "spring.mail.*").
     */
    public static class Email {

        /** Whether the e-mail channel is auto-configured when a server is configured. */
        private boolean enabled = true;

        /** SMTP server host. */
        private String host;

        /** SMTP server port. Defaults to 587, or 465 with SMTPS. */
        private Integer port;

        /**
         * How the connection is protected: NONE, STARTTLS_OPTIONAL, STARTTLS_REQUIRED or SMTPS. Defaults to
         * STARTTLS_REQUIRED; with "spring.mail.*" it is derived from the protocol and the starttls properties.
         */
        private SmtpSecurityMode security;

        /** SMTP login user. */
        private String username;

        /** SMTP login password. */
        private String password;

        /** Maximum time to open the connection. */
        private Duration connectTimeout = Duration.ofSeconds(10);

        /** Maximum time to wait for each server reply. */
        private Duration readTimeout = Duration.ofSeconds(30);

        /** Maximum time for each write to the server. */
        private Duration writeTimeout = Duration.ofSeconds(30);

        /** Sender address. Required. */
        private String from;

        /** Display name shown with the sender address. */
        private String fromName;

        /** Reply-To address. */
        private String replyTo;

        /** Maximum size of a file sent as an attachment; larger files are sent as a download link. */
        private DataSize maxAttachmentSize = DataSize.ofMegabytes(10);

        /** Whether files are zipped before they are compared with the attachment limit and attached. */
        private boolean compressAttachments = false;

        /** Maximum idle connections kept for reuse (0-64). */
        private int maxIdleConnections = 2;

        /** How long an idle connection is kept for reuse (0 to 5m). */
        private Duration connectionIdleTimeout = Duration.ofSeconds(30);

        /** Subject template for schedules without their own, e.g. "{report_name} - {date}". */
        private String defaultSubject;

        /** Body template for schedules without their own. */
        private String defaultBody;

        /** Additional Jakarta Mail session properties ("mail.*"). */
        private Map<String, String> properties = new LinkedHashMap<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return this.host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return this.port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public SmtpSecurityMode getSecurity() {
            return this.security;
        }

        public void setSecurity(SmtpSecurityMode security) {
            this.security = security;
        }

        public String getUsername() {
            return this.username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return this.password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return this.readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Duration getWriteTimeout() {
            return this.writeTimeout;
        }

        public void setWriteTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
        }

        public String getFrom() {
            return this.from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public String getFromName() {
            return this.fromName;
        }

        public void setFromName(String fromName) {
            this.fromName = fromName;
        }

        public String getReplyTo() {
            return this.replyTo;
        }

        public void setReplyTo(String replyTo) {
            this.replyTo = replyTo;
        }

        public DataSize getMaxAttachmentSize() {
            return this.maxAttachmentSize;
        }

        public void setMaxAttachmentSize(DataSize maxAttachmentSize) {
            this.maxAttachmentSize = maxAttachmentSize;
        }

        public boolean isCompressAttachments() {
            return this.compressAttachments;
        }

        public void setCompressAttachments(boolean compressAttachments) {
            this.compressAttachments = compressAttachments;
        }

        public int getMaxIdleConnections() {
            return this.maxIdleConnections;
        }

        public void setMaxIdleConnections(int maxIdleConnections) {
            this.maxIdleConnections = maxIdleConnections;
        }

        public Duration getConnectionIdleTimeout() {
            return this.connectionIdleTimeout;
        }

        public void setConnectionIdleTimeout(Duration connectionIdleTimeout) {
            this.connectionIdleTimeout = connectionIdleTimeout;
        }

        public String getDefaultSubject() {
            return this.defaultSubject;
        }

        public void setDefaultSubject(String defaultSubject) {
            this.defaultSubject = defaultSubject;
        }

        public String getDefaultBody() {
            return this.defaultBody;
        }

        public void setDefaultBody(String defaultBody) {
            this.defaultBody = defaultBody;
        }

        public Map<String, String> getProperties() {
            return this.properties;
        }

        public void setProperties(Map<String, String> properties) {
            this.properties = properties;
        }
    }

    /** SMTP connection protection; mirrors the e-mail module's SmtpSecurity so these properties load without it. */
    public enum SmtpSecurityMode {
        /** Plain text; only for a relay on the same host or a trusted network. */
        NONE,
        /** STARTTLS when the server offers it, plain text otherwise. */
        STARTTLS_OPTIONAL,
        /** STARTTLS, refusing to send when the server does not offer it. */
        STARTTLS_REQUIRED,
        /** TLS from the first byte (usually port 465). */
        SMTPS
    }

    /** The REST API. */
    public static class Api {

        /** Whether the REST API is exposed (it also needs a ReportsPrincipalResolver bean or Spring Security). */
        private boolean enabled = true;

        /** Path under which the API is served. */
        private String basePath = "/api/v1";

        /** Whether the OpenAPI 3.1 document of the API is served at {base-path}/openapi.json. */
        private boolean openapiEnabled = true;

        private final Security security = new Security();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBasePath() {
            return this.basePath;
        }

        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        public Security getSecurity() {
            return this.security;
        }

        public boolean isOpenapiEnabled() {
            return this.openapiEnabled;
        }

        public void setOpenapiEnabled(boolean openapiEnabled) {
            this.openapiEnabled = openapiEnabled;
        }
    }

    /** How the default Spring Security principal resolver reads tenant and roles. */
    public static class Security {

        /** Prefix of the granted authority that names the tenant, e.g. "TENANT_acme" for tenant "acme". */
        private String tenantAuthorityPrefix = "TENANT_";

        /** Name of the token claim (JWT or OIDC) that names the tenant; preferred over the authority. */
        private String tenantClaim = "tenant_id";

        /** Authority that grants the viewer role. */
        private String viewerAuthority = "ROLE_REPORTS_VIEWER";

        /** Authority that grants the creator role. */
        private String creatorAuthority = "ROLE_REPORTS_CREATOR";

        /** Authority that grants the admin role. */
        private String adminAuthority = "ROLE_REPORTS_ADMIN";

        public String getTenantAuthorityPrefix() {
            return this.tenantAuthorityPrefix;
        }

        public void setTenantAuthorityPrefix(String tenantAuthorityPrefix) {
            this.tenantAuthorityPrefix = tenantAuthorityPrefix;
        }

        public String getTenantClaim() {
            return this.tenantClaim;
        }

        public void setTenantClaim(String tenantClaim) {
            this.tenantClaim = tenantClaim;
        }

        public String getViewerAuthority() {
            return this.viewerAuthority;
        }

        public void setViewerAuthority(String viewerAuthority) {
            this.viewerAuthority = viewerAuthority;
        }

        public String getCreatorAuthority() {
            return this.creatorAuthority;
        }

        public void setCreatorAuthority(String creatorAuthority) {
            this.creatorAuthority = creatorAuthority;
        }

        public String getAdminAuthority() {
            return this.adminAuthority;
        }

        public void setAdminAuthority(String adminAuthority) {
            this.adminAuthority = adminAuthority;
        }
    }

    /** Micrometer meters. */
    public static class Metrics {

        /** Maximum age of the statistics behind the gauges before they are read again from the database. */
        private Duration statsCacheDuration = Duration.ofSeconds(10);

        public Duration getStatsCacheDuration() {
            return this.statsCacheDuration;
        }

        public void setStatsCacheDuration(Duration statsCacheDuration) {
            this.statsCacheDuration = statsCacheDuration;
        }
    }
}
