package io.scheduledreports.core.internal;

import io.scheduledreports.core.RetryStrategy;
import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportAuthorizer;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportsListener;
import io.scheduledreports.spi.TenantLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Everything the engine was built with. Created and validated by {@code ScheduledReports.Builder}.
 *
 * @param dataSource the host's data source
 * @param dialect its dialect
 * @param tables table names
 * @param clock time source
 * @param reportTypes report types by id
 * @param formatters formatters by id
 * @param channels channels by id
 * @param artifactStore where files go
 * @param tenantLimiter per-tenant generation limit
 * @param tenantLimited whether {@code tenantLimiter} limits at all (false for the unlimited default)
 * @param authorizer host authorization hook
 * @param listeners event listeners
 * @param generationRetry retries of generation
 * @param deliveryRetry retries of each delivery
 * @param generationTimeout default generation timeout
 * @param maxGenerationTimeout the largest timeout a schedule may ask for
 * @param misfireThreshold how late a run may fire before it counts as missed
 * @param maxCatchUpRuns cap of RUN_ALL catch-up runs per firing
 * @param deferDelay delay before a deferred generation (tenant at its limit, disk low) is tried again
 * @param workerThreads db-scheduler worker threads
 * @param pollingInterval db-scheduler polling interval
 * @param heartbeatInterval db-scheduler heartbeat interval
 * @param missedHeartbeatsLimit heartbeats missed before an execution counts as dead
 * @param batchFiringSize due schedules a worker fires in one transaction when timers fall behind (0: off)
 * @param instanceName this instance's name in the task table, or null for the host name
 * @param retention how long files and history are kept
 * @param quotas schedule quotas
 * @param diskGuard free-space floor and warning level
 * @param deadLetterCap dead letters kept per tenant (oldest closed ones dropped first)
 * @param failureNotifications who is told about failed executions, or null
 * @param deadLetterAlertThreshold unresolved dead letters of a tenant above which listeners are told
 * @param downloadLinks signer of download links, or null when links are off
 * @param downloadBaseUrl the host's download endpoint, or null when links are off
 * @param manualClock when non-null, the engine runs on db-scheduler's manual test scheduler with this clock
 * @param channelRateLimits per-channel send rate limits by channel id (absent: unlimited)
 * @param visibility what non-admins may read inside their tenant
 * @param manualRuns limits on manual runs
 * @param privacy unsubscribe links and the other recipient and privacy settings
 * @param ops configuration-error alerts to tenant admins and delivery queue limits
 */
public record EngineConfig(
        DataSource dataSource,
        Dialect dialect,
        TableNames tables,
        Clock clock,
        Map<String, ReportType> reportTypes,
        Map<String, OutputFormatter> formatters,
        Map<String, DeliveryChannel> channels,
        ArtifactStore artifactStore,
        TenantLimiter tenantLimiter,
        boolean tenantLimited,
        ReportAuthorizer authorizer,
        List<ReportsListener> listeners,
        RetryStrategy generationRetry,
        RetryStrategy deliveryRetry,
        Duration generationTimeout,
        Duration maxGenerationTimeout,
        Duration misfireThreshold,
        int maxCatchUpRuns,
        Duration deferDelay,
        int workerThreads,
        Duration pollingInterval,
        Duration heartbeatInterval,
        int missedHeartbeatsLimit,
        int batchFiringSize,
        String instanceName,
        io.scheduledreports.core.RetentionPolicy retention,
        io.scheduledreports.core.Quotas quotas,
        io.scheduledreports.core.DiskGuard diskGuard,
        int deadLetterCap,
        io.scheduledreports.core.FailureNotifications failureNotifications,
        int deadLetterAlertThreshold,
        io.scheduledreports.core.links.DownloadLinks downloadLinks,
        java.net.URI downloadBaseUrl,
        com.github.kagkarlsson.scheduler.testhelper.SettableClock manualClock,
        io.scheduledreports.core.calendar.TenantCalendars holidayCalendars,
        Map<String, io.scheduledreports.core.limits.ChannelRateLimit> channelRateLimits,
        io.scheduledreports.core.Visibility visibility,
        io.scheduledreports.core.ManualRunLimits manualRuns,
        PrivacyConfig privacy,
        // issue 24 (operations): admin alerts, delivery queue limits
        OpsConfig ops) {}
