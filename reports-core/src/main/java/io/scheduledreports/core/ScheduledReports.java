package io.scheduledreports.core;

import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.core.calendar.CalendarDefinition;
import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.calendar.StoredHolidayCalendar;
import io.scheduledreports.core.calendar.TenantCalendars;
import io.scheduledreports.core.internal.Engine;
import io.scheduledreports.core.internal.EngineConfig;
import io.scheduledreports.core.internal.Operations;
import io.scheduledreports.core.internal.Recipients;
import io.scheduledreports.core.internal.TestSends;
import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.core.limits.JdbcTenantLimiter;
import io.scheduledreports.core.limits.TenantLimits;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.DownloadLinks;
import io.scheduledreports.core.links.InvalidDownloadTokenException;
import io.scheduledreports.core.links.UnsubscribeLinks;
import io.scheduledreports.core.links.VerifiedToken;
import io.scheduledreports.core.recipients.RecipientPolicy;
import io.scheduledreports.core.recipients.RecipientState;
import io.scheduledreports.core.recipients.UnsubscribeOutcome;
import io.scheduledreports.core.recipients.UnsubscribeScope;
import io.scheduledreports.core.recipients.UnsubscribeTarget;
import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportAuthorizer;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportsListener;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.TenantLimiter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's entry point: schedules reports of registered {@link ReportType}s and delivers them.
 *
 * <pre>{@code
 * ScheduledReports reports = ScheduledReports.builder(dataSource)
 *         .reportType(salesReport)
 *         .formatters(Formatters.defaults())
 *         .channel(emailChannel)
 *         .build();
 * reports.start();
 * ScheduledReport s = reports.create(Actor.of("acme", "alice"), ScheduleRequest.builder()
 *         .name("Weekly sales").reportType("sales").outputFormat("csv")
 *         .schedule("{\"cadence\":\"weekly\",\"day_of_week\":1,\"time\":\"09:00\",\"timezone\":\"Europe/Paris\"}")
 *         .recipient("email", "alice@example.com")
 *         .build());
 * }</pre>
 *
 * <p>Every operation is scoped by the {@link Actor}'s tenant: objects of other tenants are not found. Changes
 * to a schedule need its owner or an {@link Actor#ADMIN}; finer role rules (viewer, creator) are the host's,
 * e.g. the Spring Boot starter's REST layer. Every change is written to the audit log with the actor and the
 * old and new values. Thread-safe; run any number of instances on one database.
 */
public final class ScheduledReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledReports.class);

    private final Engine engine;
    private final Operations operations;
    private final TestSends testSends;
    private final Recipients recipients;
    private final EngineConfig config;
    private final io.scheduledreports.core.internal.Sampler sampler;
    private final io.scheduledreports.core.internal.PersonalData personalData;
    private final io.scheduledreports.core.internal.ConfigurationCheck configurationCheck;
    private final io.scheduledreports.core.internal.Backups backups;
    private volatile boolean started;

    private ScheduledReports(
            EngineConfig config,
            Duration previewTimeout,
            Duration maxClockSkew,
            io.scheduledreports.core.backup.BackupSettings backup) {
        this.config = config;
        this.engine = new Engine(config);
        this.operations = new Operations(engine);
        this.backups = new io.scheduledreports.core.internal.Backups(engine, backup);
        backups.dailyTask().ifPresent(engine::addStartTask);
        this.testSends = new io.scheduledreports.core.internal.TestSends(engine);
        this.sampler = new io.scheduledreports.core.internal.Sampler(previewTimeout);
        this.recipients = new io.scheduledreports.core.internal.Recipients(engine);
        this.personalData = new io.scheduledreports.core.internal.PersonalData(engine);
        this.configurationCheck = new io.scheduledreports.core.internal.ConfigurationCheck(engine, maxClockSkew);
    }

    /**
     * The holiday calendars {@code tenantId}'s schedules may name, for reading schedule JSON with
     * {@link io.scheduledreports.core.schedule.ScheduleSpec#fromJson(String,
     * HolidayCalendars)}.
     *
     * A name resolves to the tenant's stored calendar ({@link #putHolidayCalendar}), else the host's calendar for
     * that tenant, else the host's shared one; each lookup reads the stored calendar's current version.
     *
     * @param tenantId the tenant
     * @return its stored calendars, then the host's for it, then the host's shared ones
     */
    public HolidayCalendars holidayCalendars(String tenantId) {
        return engine.calendars().forTenant(tenantId);
    }

    /**
     * The calendars the actor's tenant stored through this API (host-configured ones are not listed here, see
     * {@link #hostHolidayCalendarNames(Actor)}).
     *
     * @param actor any user of the tenant
     * @return the stored calendars by name
     */
    public List<StoredHolidayCalendar> storedHolidayCalendars(Actor actor) {
        return engine.calendars().list(actor);
    }

    /**
     * Names of the host-configured calendars ({@link Builder#holidayCalendars}) the actor's tenant sees; they are
     * read-only, and a stored calendar of the same name takes precedence for that tenant.
     *
     * @param actor any user of the tenant
     * @return sorted names
     */
    public Set<String> hostHolidayCalendarNames(Actor actor) {
        return engine.calendars().hostNames(actor);
    }

    /**
     * The actor's tenant's stored calendar {@code name}.
     *
     * @throws ReportsNotFoundException if the tenant stored none by that name
     */
    public StoredHolidayCalendar storedHolidayCalendar(Actor actor, String name) {
        return engine.calendars().get(actor, name);
    }

    /**
     * Creates or replaces the actor's tenant's holiday calendar {@code name} (admin only). In the same transaction
     * the next run of every active schedule of the tenant that names it is recomputed under the new calendar, and
     * the change is audited: one entry for the calendar listing the schedules whose next run moved, and one
     * {@code RECALCULATE} entry per such schedule. For this tenant the stored calendar takes precedence over a
     * host-configured one of the same name.
     *
     * @param actor an admin of the tenant
     * @param name the name schedules use in {@code holiday_calendar}
     * @param definition weekend and rules, or iCalendar text
     * @param expectedVersion the version the caller read, 0 when it must not exist yet, or null to create or
     *     replace whatever is there
     * @return the stored calendar; version 1 when it was created
     * @throws ReportsValidationException naming {@code name}, {@code weekend},
     *     {@code rules[i]} or {@code ics}
     * @throws ReportsStaleVersionException if {@code expectedVersion} is not the current version
     */
    public StoredHolidayCalendar putHolidayCalendar(
            Actor actor, String name, CalendarDefinition definition, Long expectedVersion) {
        return engine.calendars().put(actor, name, definition, expectedVersion);
    }

    /**
     * Deletes the actor's tenant's stored calendar {@code name} (admin only). Refused while schedules that are not
     * deleted name it, unless a host-configured calendar of that name takes its place (then their next runs are
     * recomputed as for a change).
     *
     * @throws ReportsNotFoundException if the tenant stored none by that name
     * @throws CalendarInUseException naming up to {@value CalendarInUseException#MAX_IDS} schedules that use it
     */
    public void deleteHolidayCalendar(Actor actor, String name) {
        engine.calendars().delete(actor, name);
    }

    /**
     * A builder on the host's data source (ideally pooled). The library creates its tables there on
     * {@link #start()}.
     *
     * @param dataSource the database
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Creates or upgrades the tables, then starts firing schedules and running work. Idempotent. */
    public synchronized void start() {
        if (started) {
            return;
        }
        ReportsSchema.of(config.dataSource(), config.tables()).migrate();
        backups.removeDailyTaskIfOff();
        engine.start();
        started = true;
        unsharedLocalStoreWarning().ifPresent(LOG::warn);
    }

    /**
     * A warning when this instance sees other live instances (db-scheduler heartbeats on running tasks) while its
     * files are in a local directory not declared {@linkplain LocalDirectoryArtifactStore#shared(Path) shared}:
     * a download or delivery served by another instance would not find the file. Empty otherwise. Idle instances
     * run no task and are not seen, so the check can miss a cluster but never invents one.
     *
     * @return the warning text, naming the instances seen
     */
    public Optional<String> unsharedLocalStoreWarning() {
        if (!(config.artifactStore() instanceof LocalDirectoryArtifactStore local) || local.isShared() || !started) {
            return Optional.empty();
        }
        Set<String> live = engine.liveInstances();
        if (live.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("Scheduled Reports sees " + live.size() + " live instances " + live
                + " but stores files in the local directory " + local.root() + ", which the others cannot read:"
                + " use S3 storage or a directory every instance mounts, declared with"
                + " LocalDirectoryArtifactStore.shared(path)");
    }

    /**
     * Checks the configuration against the running world and reports every finding; nothing is sent or changed
     * except a small probe file written to and removed from the artifact store. Checks, in order: the database
     * answers and its schema is at the version this library needs; each registered channel's own check ({@link
     * io.scheduledreports.spi.DeliveryChannel#checkConfiguration()}: an SMTP handshake for e-mail, {@code
     * auth.test} for Slack, a login per SFTP connection; channels without one are {@code SKIPPED}); the artifact
     * store takes, returns and deletes a file (with a warning when free space is low); the download and
     * unsubscribe signing keys sign a token that verifies; the engine's clock and the database's differ by at most
     * {@link Builder#maxClockSkew(Duration)}. Works before {@link #start()} too (then a fresh database reports its
     * schema as not current). The Spring Boot starter exposes it as the Actuator endpoint {@code scheduledreports}
     * and runs it at start-up with {@code scheduled-reports.check-on-startup=true}.
     *
     * @return the report; {@link ConfigurationReport#ok()} is false when any check failed
     */
    public ConfigurationReport checkConfiguration() {
        return configurationCheck.run();
    }

    /** Stops this instance; work it was running finishes or is picked up by another instance. */
    @Override
    public synchronized void close() {
        started = false;
        sampler.close();
        engine.close();
    }

    /** Whether {@link #start()} was called and {@link #close()} was not. */
    public boolean isStarted() {
        return started;
    }

    private Operations ops() {
        if (!started) {
            throw new IllegalStateException("ScheduledReports is not started: call start() first");
        }
        return operations;
    }

    /**
     * Creates a schedule. Everything is validated before anything is written: the schedule, the report type and
     * its parameters, the output format, every recipient (channel registered, destination valid), the quotas and
     * the host's {@link ReportAuthorizer}.
     *
     * @param actor who creates it; becomes the owner unless the request names another (admins only)
     * @param request what to schedule
     * @return the schedule with its {@code nextRunAt} and the next five {@code upcomingRuns}
     * @throws ReportsValidationException naming the offending field
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException when the authorizer refuses
     */
    public ScheduledReport create(Actor actor, ScheduleRequest request) {
        return ops().create(actor, request);
    }

    /**
     * What {@link #create} would do, without storing or delivering anything: the same validation (the same
     * exceptions, naming the field), the next {@value SchedulePreview#MAX_RUNS} runs in UTC and in the schedule's
     * zone, the {@linkplain ScheduleWarning warnings}, and the first {@value SchedulePreview.Sample#MAX_ROWS} rows the
     * report type produces with the parameters resolved for the first run. The report type runs on a preview thread
     * for at most {@link Builder#previewTimeout(Duration)}; when it fails or takes longer, the preview has no sample
     * and a {@code SAMPLE_FAILED} or {@code SAMPLE_TIMEOUT} warning instead.
     *
     * @param actor who would create the schedule
     * @param request what would be scheduled
     * @return the preview
     * @throws ReportsValidationException naming the offending field, as {@link #create} would
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException when the authorizer refuses
     */
    public SchedulePreview preview(Actor actor, ScheduleRequest request) {
        return ops().preview(actor, request, sampler);
    }

    /**
     * A schedule of the actor's tenant.
     *
     * @throws ReportsNotFoundException when absent, deleted, or of another tenant
     */
    public ScheduledReport get(Actor actor, String scheduleId) {
        return ops().get(actor, scheduleId);
    }

    /** The actor's tenant's schedules (not deleted), newest first, filtered and paginated. */
    public Page<ScheduledReport> list(Actor actor, ScheduleQuery query) {
        return ops().list(actor, query == null ? ScheduleQuery.all() : query);
    }

    /**
     * Replaces a schedule's definition and recipients, and reschedules it, in one transaction.
     *
     * @param expectedVersion the version the caller read
     * @throws ReportsStaleVersionException when someone else changed it since
     */
    public ScheduledReport update(Actor actor, String scheduleId, long expectedVersion, ScheduleRequest request) {
        return ops().update(actor, scheduleId, expectedVersion, request);
    }

    /** Pauses a schedule: it keeps its definition but does not fire. Idempotent. */
    public ScheduledReport pause(Actor actor, String scheduleId) {
        return ops().pause(actor, scheduleId);
    }

    /** Resumes a paused schedule; its next run is computed from now (missed runs are not caught up). */
    public ScheduledReport resume(Actor actor, String scheduleId) {
        return ops().resume(actor, scheduleId);
    }

    /**
     * Pauses every active schedule owned by {@code userId} in the actor's tenant, for offboarding a user. Each
     * schedule shows the reason ({@link ScheduledReport#pausedReason()}) and is audited; resume them one by one
     * after giving them to another owner.
     *
     * @param actor an admin of the tenant
     * @param userId the owner whose schedules stop
     * @return how many schedules were paused
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException when the actor is not an admin
     */
    public int pauseAllOwnedBy(Actor actor, String userId) {
        return ops().pauseAllOwnedBy(actor, userId);
    }

    /** Soft-deletes a schedule and cancels its pending generations and deliveries; history is kept. */
    public void delete(Actor actor, String scheduleId) {
        ops().delete(actor, scheduleId);
    }

    /** Queues a manual run now; manual runs go before scheduled ones. */
    public Execution runNow(Actor actor, String scheduleId) {
        return ops().runNow(actor, scheduleId);
    }

    /**
     * Queues a manual run now with a one-off generation timeout (admins only), e.g. to let a large back-fill run
     * longer than its schedule allows. The override is stored with the execution and holds for its retries.
     *
     * @param timeout between 1 s and the engine maximum ({@link Builder#maxGenerationTimeout(Duration)})
     * @throws ReportsValidationException naming {@code timeout} when it is out of bounds
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException when the actor is not an admin
     */
    public Execution runNow(Actor actor, String scheduleId, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return ops().runNow(actor, scheduleId, timeout);
    }

    /**
     * Sends a clearly marked test message ({@code [TEST]} before the report name) through one recipient's channel
     * now, with the schedule's last generated file when there is one (otherwise a short text file saying so), and
     * answers the outcome. Generates nothing, changes no execution; audited as {@code TEST_DELIVERY}. The owner or
     * an admin may ask, at most {@value TestSends#PER_USER_PER_MINUTE} test
     * deliveries and connection checks a minute per user on each instance.
     *
     * @param actor who asks
     * @param scheduleId the schedule
     * @param recipientId one of its recipients
     * @return the outcome (sent, or the failure's category and message)
     * @throws ReportsNotFoundException for an unknown schedule or recipient (or another tenant's)
     * @throws ReportsRateLimitedException beyond the per-user limit
     */
    public TestDeliveryOutcome testDelivery(Actor actor, String scheduleId, String recipientId) {
        return testSends().testDelivery(actor, scheduleId, recipientId);
    }

    /**
     * Checks a channel's connection to a destination without delivering (an SMTP handshake, an SFTP login and a
     * writable directory; see {@link DeliveryChannel#checkConnection}). Admins only;
     * audited as {@code CHANNEL_CHECK}; limited per user like {@link #testDelivery}.
     *
     * @param actor an admin
     * @param channelId a registered channel
     * @param destination a destination in the channel's terms
     * @return the outcome; {@code UNSUPPORTED} for channels without a check
     * @throws ReportsValidationException naming {@code destination} when it is invalid
     * @throws ReportsNotFoundException for an unknown channel
     */
    public ConnectionCheck checkChannel(Actor actor, String channelId, String destination) {
        return testSends().checkChannel(actor, channelId, destination);
    }

    private TestSends testSends() {
        ops();
        return testSends;
    }

    /** Adds a recipient (validated by its channel) and returns it with its id. */
    public Recipient addRecipient(Actor actor, String scheduleId, Recipient recipient) {
        return ops().addRecipient(actor, scheduleId, recipient);
    }

    /** Removes a recipient; deliveries already queued still go out. */
    public void removeRecipient(Actor actor, String scheduleId, String recipientId) {
        ops().removeRecipient(actor, scheduleId, recipientId);
    }

    /** A schedule's executions, latest first. */
    public Page<Execution> executions(Actor actor, String scheduleId, PageRequest page) {
        return ops().executions(actor, scheduleId, page == null ? PageRequest.first() : page);
    }

    /**
     * The tenant's executions across schedules, newest first, filtered by status, trigger, schedule, report type
     * and creation time. A non-admin sees only the runs of its own schedules unless visibility is
     * {@link Visibility#TENANT}.
     */
    public Page<Execution> executions(Actor actor, ExecutionQuery query) {
        return ops().executions(actor, query == null ? ExecutionQuery.all() : query);
    }

    /**
     * The tenant's audit log (admins only), newest first, filtered by entity, actor, action and time.
     *
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException unless the actor is an admin
     */
    public Page<AuditEvent> auditEvents(Actor actor, AuditQuery query) {
        return ops().auditEvents(actor, query == null ? AuditQuery.all() : query);
    }

    /**
     * Every audit event of the tenant that matches {@code query} (its page is ignored), newest first, handed to
     * {@code sink} one by one as the database returns them: for exports of any size (admins only).
     *
     * @return how many events were handed over
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException unless the actor is an admin
     */
    public long exportAuditEvents(Actor actor, AuditQuery query, Consumer<AuditEvent> sink) {
        return ops().exportAuditEvents(actor, query == null ? AuditQuery.all() : query, sink);
    }

    /** One execution with its deliveries. */
    public Execution execution(Actor actor, String executionId) {
        return ops().execution(actor, executionId);
    }

    /**
     * Opens an execution's file. Close the returned download.
     *
     * @throws ReportsNotFoundException when the execution is of another tenant, has no file or the file expired
     */
    public ArtifactDownload openArtifact(Actor actor, String executionId) {
        return ops().openArtifact(actor, executionId);
    }

    /**
     * Opens the file a signed download token points to; for the host's download endpoint.
     *
     * @param token the token from a download link
     * @return the file; close it
     * @throws InvalidDownloadTokenException when the token is malformed, altered, expired or links are off
     * @throws ReportsNotFoundException when the file no longer exists (retention)
     */
    public ArtifactDownload openDownload(String token) {
        if (config.downloadLinks() == null) {
            throw new InvalidDownloadTokenException(
                    InvalidDownloadTokenException.Reason.MALFORMED, "download links are not configured");
        }
        VerifiedToken verified =
                config.downloadLinks().verify(token, null, config.clock().instant());
        return ops().openArtifactUnchecked(verified.tenantId(), verified.executionId());
    }

    // ---------------------------------------------------------------- recipients and privacy

    /**
     * What a signed unsubscribe link points at, for the host's confirmation page (a GET must change nothing:
     * mail scanners follow links).
     *
     * @param token the token from an unsubscribe link
     * @return the report's name and the masked address
     * @throws io.scheduledreports.core.links.InvalidUnsubscribeTokenException when the token is malformed,
     *     altered, expired or unsubscribe links are off
     * @throws ReportsNotFoundException when the recipient no longer exists
     */
    public UnsubscribeTarget unsubscribeTarget(String token) {
        ops();
        return recipients.target(token);
    }

    /**
     * Unsubscribes the recipient of a signed link: from its schedule, or from every report of the tenant. The
     * recipient stays on the schedule, inactive, and gets nothing; the audit records the recipient as the actor.
     * Idempotent: a repeated request changes nothing and writes no second audit event.
     *
     * @param token the token from an unsubscribe link
     * @param scope the schedule (RFC 8058 one-click) or the whole tenant
     * @return what changed
     * @throws io.scheduledreports.core.links.InvalidUnsubscribeTokenException when the token is refused
     * @throws ReportsNotFoundException when the recipient no longer exists
     */
    public UnsubscribeOutcome unsubscribe(String token, UnsubscribeScope scope) {
        ops();
        return recipients.unsubscribe(token, scope);
    }

    /** A schedule's recipients with their states (active, unsubscribed, bounced); readable by whoever reads it. */
    public List<RecipientState> recipientStates(Actor actor, String scheduleId) {
        ops();
        return recipients.states(actor, scheduleId);
    }

    /**
     * Re-activates an inactive recipient (owner or admin). After an unsubscribe this needs
     * {@code consentConfirmed = true}, which the host sets only when the person has asked for the reports again;
     * a bounced recipient needs none.
     *
     * @throws ReportsValidationException naming {@code consent_confirmed} when consent is needed and missing
     */
    public RecipientState reactivateRecipient(
            Actor actor, String scheduleId, String recipientId, boolean consentConfirmed) {
        ops();
        return recipients.reactivate(actor, scheduleId, recipientId, consentConfirmed);
    }

    /**
     * The tenant's dead letters (admins only), newest first.
     *
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException unless the actor is an admin
     */
    public Page<DeadLetter> deadLetters(Actor actor, DeadLetterQuery query) {
        return ops().deadLetters(actor, query == null ? DeadLetterQuery.unresolved() : query);
    }

    /**
     * Replays unresolved dead letters (admins only): the generation or delivery is queued again with fresh
     * attempts; the dead letter becomes RETRIED. Ids of other tenants are ignored.
     *
     * @return how many were queued again
     */
    public int retryDeadLetters(Actor actor, Collection<String> deadLetterIds) {
        return ops().retryDeadLetters(actor, deadLetterIds);
    }

    /**
     * Replays every unresolved dead letter of the actor's tenant that matches {@code filter} (its page and a status
     * other than UNRESOLVED are ignored; admins only), in batches of 200.
     *
     * @return how many were queued again
     */
    public int retryDeadLetters(Actor actor, DeadLetterQuery filter) {
        return ops().retryDeadLetters(actor, filter);
    }

    /**
     * Deletes every dead letter of the actor's tenant that matches {@code filter} (its page is ignored; unresolved
     * ones too when the filter does not exclude them; admins only). Audited as {@code DELETE_DEAD_LETTERS} with the
     * filter and the count.
     *
     * @return how many were deleted
     */
    public int deleteDeadLetters(Actor actor, DeadLetterQuery filter) {
        return ops().deleteDeadLetters(actor, filter);
    }

    /**
     * The retry history of a dead letter of the actor's tenant: every failed attempt of its generation or delivery,
     * oldest first, with time, category and message (admins only).
     *
     * @throws ReportsNotFoundException for an unknown id or one of another tenant
     */
    public List<AttemptFailure> deadLetterHistory(Actor actor, String deadLetterId) {
        return ops().deadLetterHistory(actor, deadLetterId);
    }

    /**
     * The delivery queue across the cluster per channel (counted at most 5 seconds ago) and its limits.
     *
     * @return pending deliveries per channel
     */
    public DeliveryQueueStatus deliveryQueue() {
        return ops().deliveryQueue();
    }

    /** Closes unresolved dead letters with a note, without replay (admins only); returns how many. */
    public int resolveDeadLetters(Actor actor, Collection<String> deadLetterIds, String note) {
        return ops().resolveDeadLetters(actor, deadLetterIds, note);
    }

    /** Deletes resolved and retried dead letters created before {@code olderThan} (admins only); returns how many. */
    public int purgeResolvedDeadLetters(Actor actor, Instant olderThan) {
        return ops().purgeResolvedDeadLetters(actor, olderThan);
    }

    /**
     * Runs the retention job now (it runs by itself daily at 03:00 UTC on one instance of the cluster).
     *
     * @return what it did
     */
    public RetentionResult runRetention() {
        ops();
        return engine.runRetention();
    }

    /**
     * What a retention run did.
     *
     * @param expiredArtifacts files deleted (their executions are now EXPIRED)
     * @param purgedExecutions execution rows deleted
     */
    public record RetentionResult(long expiredArtifacts, long purgedExecutions) {}

    /** Operator views across tenants; the host must restrict who reaches them. */
    public ReportsAdmin admin() {
        return new ReportsAdmin(ops(), personalData, engine.summaries(), engine, backups);
    }

    /** Whether the actor gets the weekly owner summary (when summaries are on); true unless they opted out. */
    public boolean weeklySummaryEnabled(Actor actor) {
        ops();
        return recipients.weeklySummaryEnabled(actor);
    }

    /**
     * Opts the actor out of (false) or back into (true) the weekly owner summary; audited when it changes.
     *
     * @return whether the setting is on now
     */
    public boolean setWeeklySummaryEnabled(Actor actor, boolean enabled) {
        ops();
        return recipients.setWeeklySummaryEnabled(actor, enabled);
    }

    /** Ids of the registered report types. */
    public Set<String> reportTypes() {
        return config.reportTypes().keySet();
    }

    /**
     * The registered report types, ordered by id, for catalogues and UIs (display name and parameter
     * descriptors); generation still goes through the engine.
     */
    public List<ReportType> registeredReportTypes() {
        return config.reportTypes().values().stream()
                .sorted(java.util.Comparator.comparing(ReportType::id))
                .toList();
    }

    /** Ids of the registered output formats. */
    public Set<String> outputFormats() {
        return config.formatters().keySet();
    }

    /** Ids of the registered channels. */
    public Set<String> channels() {
        return config.channels().keySet();
    }

    Engine engine() {
        return engine;
    }

    /** Builds {@link ScheduledReports}; setters validate on the spot. */
    public static final class Builder {
        /** Default db-scheduler worker threads. */
        public static final int DEFAULT_WORKER_THREADS = 8;
        /** Default generation timeout. */
        public static final Duration DEFAULT_GENERATION_TIMEOUT = Duration.ofMinutes(30);
        /** Default largest generation timeout a schedule may ask for. */
        public static final Duration DEFAULT_MAX_GENERATION_TIMEOUT = Duration.ofHours(2);
        /** Default lateness after which a run counts as missed (for {@link MisfirePolicy#SKIP}). */
        public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofMinutes(5);
        /** Default cap of catch-up runs for {@link MisfirePolicy#RUN_ALL}. */
        public static final int DEFAULT_MAX_CATCH_UP_RUNS = 10;
        /** Default delay before a deferred generation is tried again (plus up to 50 % jitter). */
        public static final Duration DEFAULT_DEFER_DELAY = Duration.ofSeconds(5);
        /** Default artifact retention. */
        public static final Duration DEFAULT_ARTIFACT_RETENTION = RetentionPolicy.DEFAULT_ARTIFACT_RETENTION;
        /** Default time a report type may take to produce a preview's sample. */
        public static final Duration DEFAULT_PREVIEW_TIMEOUT = Duration.ofSeconds(10);
        /** Default largest accepted clock difference between the engine and the database: 5 seconds. */
        public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(5);
        /** Default of {@link #bounceThreshold(int)}: 3 permanent refusals in a row. */
        public static final int DEFAULT_BOUNCE_THRESHOLD =
                io.scheduledreports.core.internal.PrivacyConfig.DEFAULT_BOUNCE_THRESHOLD;
        /** Largest {@link #bounceThreshold(int)}. */
        public static final int MAX_BOUNCE_THRESHOLD = 100;

        private final DataSource dataSource;
        private TenantCalendars holidayCalendars = TenantCalendars.empty();
        private final Map<String, ReportType> reportTypes = new LinkedHashMap<>();
        private final Map<String, OutputFormatter> formatters = new LinkedHashMap<>();
        private final Map<String, DeliveryChannel> channels = new LinkedHashMap<>();
        private final List<ReportsListener> listeners = new ArrayList<>();
        private ArtifactStore artifactStore;
        private TenantLimiter tenantLimiter;
        private TenantLimits tenantLimits;
        private ReportAuthorizer authorizer = ReportAuthorizer.allowAll();
        private Clock clock = Clock.systemUTC();
        private String tablePrefix = "";
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private PollingSettings polling = PollingSettings.ofDefaults();
        private String instanceName;
        private RetryStrategy generationRetry = RetryStrategy.ofDefaults();
        private RetryStrategy deliveryRetry = RetryStrategy.deliveryDefaults();
        private TenantAdminAddresses tenantAdmins = TenantAdminAddresses.none();
        private DeliveryQueueLimits deliveryQueue = DeliveryQueueLimits.ofDefaults();
        private Duration generationTimeout = DEFAULT_GENERATION_TIMEOUT;
        private Duration maxGenerationTimeout = DEFAULT_MAX_GENERATION_TIMEOUT;
        private Duration misfireThreshold = DEFAULT_MISFIRE_THRESHOLD;
        private int maxCatchUpRuns = DEFAULT_MAX_CATCH_UP_RUNS;
        private Duration deferDelay = DEFAULT_DEFER_DELAY;
        private Duration previewTimeout = DEFAULT_PREVIEW_TIMEOUT;
        private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
        private io.scheduledreports.core.backup.BackupSettings backup;
        private final Map<String, ChannelRateLimit> channelRateLimits = new LinkedHashMap<>();
        private RetentionPolicy retention = RetentionPolicy.ofDefaults();
        private DeadLetterPolicy deadLetters = DeadLetterPolicy.ofDefaults();
        private FailureNotifications failureNotifications;
        private Quotas quotas = Quotas.ofDefaults();
        private DiskGuard diskGuard = DiskGuard.ofDefaults();
        private DownloadLinks downloadLinks;
        private URI downloadBaseUrl;
        private URI unsubscribeBaseUrl;
        private Duration unsubscribeValidity = UnsubscribeLinks.DEFAULT_VALIDITY;
        private RecipientPolicy recipientPolicy = RecipientPolicy.allowAll();
        private int bounceThreshold = DEFAULT_BOUNCE_THRESHOLD;
        private io.scheduledreports.core.recipients.WeeklySummary weeklySummary;
        private SettableClock manualClock;
        private Visibility visibility = Visibility.OWNER;
        private ManualRunLimits manualRuns = ManualRunLimits.ofDefaults();
        private final Map<String, String> given = new HashMap<>();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Registers a report type; ids must be unique. */
        public Builder reportType(ReportType type) {
            Objects.requireNonNull(type, "reportType");
            put(reportTypes, type.id(), type, "report type");
            return this;
        }

        /** Registers report types. */
        public Builder reportTypes(Collection<? extends ReportType> types) {
            types.forEach(this::reportType);
            return this;
        }

        /** Registers an output formatter; ids must be unique. */
        public Builder formatter(OutputFormatter formatter) {
            Objects.requireNonNull(formatter, "formatter");
            put(formatters, formatter.id(), formatter, "output format");
            return this;
        }

        /** Registers output formatters. */
        public Builder formatters(Collection<? extends OutputFormatter> values) {
            values.forEach(this::formatter);
            return this;
        }

        /** Registers a delivery channel; ids must be unique. */
        public Builder channel(DeliveryChannel channel) {
            Objects.requireNonNull(channel, "channel");
            put(channels, channel.id(), channel, "channel");
            return this;
        }

        /** Where files are stored (default: a {@code scheduled-reports} directory under {@code java.io.tmpdir}). */
        public Builder artifactStore(ArtifactStore store) {
            this.artifactStore = Objects.requireNonNull(store, "artifactStore");
            return this;
        }

        /** Stores files in a local directory: short for {@code artifactStore(new LocalDirectoryArtifactStore(directory))}. */
        public Builder artifactDirectory(Path directory) {
            this.artifactStore = new LocalDirectoryArtifactStore(directory);
            return this;
        }

        /**
         * Limits concurrent generations per tenant across the whole cluster (a {@link JdbcTenantLimiter} on the
         * library's tables). A tenant at its limit is deferred, not failed, and steps back in the queue so other
         * tenants go first. Default: no limit.
         */
        public Builder tenantLimits(TenantLimits limits) {
            this.tenantLimits = Objects.requireNonNull(limits, "tenantLimits");
            once("tenantLimiter", "tenantLimits");
            return this;
        }

        /**
         * A custom per-tenant limiter, e.g. {@link io.scheduledreports.core.limits.InMemoryTenantLimiter}; an
         * alternative to {@link #tenantLimits(TenantLimits)}.
         */
        public Builder tenantLimiter(TenantLimiter limiter) {
            this.tenantLimiter = Objects.requireNonNull(limiter, "tenantLimiter");
            once("tenantLimiter", "tenantLimiter");
            return this;
        }

        /** The host's authorization hook (default: allow everything within the tenant). */
        public Builder authorizer(ReportAuthorizer value) {
            this.authorizer = Objects.requireNonNull(value, "authorizer");
            return this;
        }

        /** Adds a listener. */
        public Builder listener(ReportsListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Time source (default: the system clock, UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            once("clock", "clock");
            return this;
        }

        /** Prefix of every table name, e.g. {@code rpt_} (default: none). */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = new TableNames(prefix).prefix();
            return this;
        }

        /** Threads that run generations and deliveries on this instance, 1-256 (default 8). */
        public Builder workerThreads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new ReportsValidationException("workerThreads", "must be 1-256, was " + threads);
            }
            this.workerThreads = threads;
            return this;
        }

        /**
         * Polling interval, heartbeat and missed-heartbeat limit (default {@link PollingSettings#ofDefaults()}: 10 s,
         * 5 s, 6), e.g. {@code polling(PollingSettings.builder().pollingInterval(Duration.ofSeconds(1)).build())}.
         */
        public Builder polling(PollingSettings value) {
            this.polling = Objects.requireNonNull(value, "polling");
            return this;
        }

        /** This instance's name in the task table (default: the host name). */
        public Builder instanceName(String value) {
            if (value == null || value.isBlank() || value.length() > 50) {
                throw new ReportsValidationException("instanceName", "must be 1-50 characters, was '" + value + "'");
            }
            this.instanceName = value;
            return this;
        }

        /**
         * One retry policy for generation failures of every category (its non-retryable categories excepted);
         * replaces the per-category {@link RetryStrategy#ofDefaults() defaults}.
         */
        public Builder generationRetry(RetryPolicy value) {
            return generationRetry(RetryStrategy.uniform(Objects.requireNonNull(value, "generationRetry")));
        }

        /** Retries of generation per error category (default {@link RetryStrategy#ofDefaults()}). */
        public Builder generationRetry(RetryStrategy value) {
            this.generationRetry = Objects.requireNonNull(value, "generationRetry");
            return this;
        }

        /** One retry policy for each delivery, whatever the category (its non-retryable categories excepted). */
        public Builder deliveryRetry(RetryPolicy value) {
            return deliveryRetry(RetryStrategy.uniform(Objects.requireNonNull(value, "deliveryRetry")));
        }

        /** Retries of each delivery per error category (default {@link RetryStrategy#deliveryDefaults()}). */
        public Builder deliveryRetry(RetryStrategy value) {
            this.deliveryRetry = Objects.requireNonNull(value, "deliveryRetry");
            return this;
        }

        /**
         * Who else is told when work fails for good with a CONFIGURATION error: the tenant's administrators, through
         * the {@link #failureNotifications failure-notification} channel (needs it). Default: nobody extra.
         */
        public Builder tenantAdminAddresses(TenantAdminAddresses value) {
            this.tenantAdmins = Objects.requireNonNull(value, "tenantAdminAddresses");
            return this;
        }

        /**
         * Limits of the delivery queue per channel (default {@link DeliveryQueueLimits#ofDefaults()}: generations
         * wait above 10,000 pending deliveries of a channel, the backlog is reported above 100).
         */
        public Builder deliveryQueue(DeliveryQueueLimits value) {
            this.deliveryQueue = Objects.requireNonNull(value, "deliveryQueue");
            return this;
        }

        /** Default generation timeout, 1 s to 24 h (default 30 min). */
        public Builder generationTimeout(Duration value) {
            this.generationTimeout = within("generationTimeout", value, Duration.ofSeconds(1), Duration.ofHours(24));
            return this;
        }

        /** Largest timeout a schedule may ask for, and a cap on every generation, 1 s to 24 h (default 2 h). */
        public Builder maxGenerationTimeout(Duration value) {
            this.maxGenerationTimeout =
                    within("maxGenerationTimeout", value, Duration.ofSeconds(1), Duration.ofHours(24));
            return this;
        }

        /** Lateness after which a run counts as missed, 1 s to 24 h (default 5 min). */
        public Builder misfireThreshold(Duration value) {
            this.misfireThreshold = within("misfireThreshold", value, Duration.ofSeconds(1), Duration.ofHours(24));
            return this;
        }

        /** Cap of catch-up runs per firing for {@link MisfirePolicy#RUN_ALL}, 1-1000 (default 10). */
        public Builder maxCatchUpRuns(int value) {
            if (value < 1 || value > 1000) {
                throw new ReportsValidationException("maxCatchUpRuns", "must be 1-1000, was " + value);
            }
            this.maxCatchUpRuns = value;
            return this;
        }

        /** Delay before a deferred generation is tried again, 10 ms to 10 min (default 5 s, plus jitter). */
        public Builder deferDelay(Duration value) {
            this.deferDelay = within("deferDelay", value, Duration.ofMillis(10), Duration.ofMinutes(10));
            return this;
        }

        /**
         * Maximum difference between the engine's clock and the database's that {@link
         * ScheduledReports#checkConfiguration()} accepts, 1 ms to 1 h (default 5 s). Instances compare each
         * other's heartbeats and due times written with their own clocks: a skewed instance takes over live work
         * or runs schedules early.
         */
        public Builder maxClockSkew(Duration value) {
            this.maxClockSkew = within("maxClockSkew", value, Duration.ofMillis(1), Duration.ofHours(1));
            return this;
        }

        /**
         * Backups of the library's tables (key, daily task, retention): enables {@link ReportsAdmin#backupNow()}
         * and, with {@link io.scheduledreports.core.backup.BackupSettings#daily}, a daily backup run by one
         * instance of the cluster. Off by default. {@link ReportsAdmin#restore} needs no settings.
         */
        public Builder backup(io.scheduledreports.core.backup.BackupSettings value) {
            this.backup = Objects.requireNonNull(value, "backup");
            return this;
        }

        /**
         * How long a report type may take to produce the sample of a {@linkplain ScheduledReports#preview preview},
         * 100 ms to 5 min (default 10 s); a slower report type is cancelled and the preview has no sample.
         */
        public Builder previewTimeout(Duration value) {
            this.previewTimeout = within("previewTimeout", value, Duration.ofMillis(100), Duration.ofMinutes(5));
            return this;
        }

        /** Retention of files and history, with per-tenant overrides (default {@link RetentionPolicy#ofDefaults()}). */
        public Builder retention(RetentionPolicy value) {
            this.retention = Objects.requireNonNull(value, "retention");
            return this;
        }

        /** Dead letters kept and alerted on per tenant (default {@link DeadLetterPolicy#ofDefaults()}: 1,000, 100). */
        public Builder deadLetters(DeadLetterPolicy value) {
            this.deadLetters = Objects.requireNonNull(value, "deadLetters");
            return this;
        }

        /** Who is told when an execution fails for good (default: nobody; listeners still are). */
        public Builder failureNotifications(FailureNotifications value) {
            this.failureNotifications = Objects.requireNonNull(value, "failureNotifications");
            return this;
        }

        /** Schedule quotas (default {@link Quotas#ofDefaults()}). */
        public Builder quotas(Quotas value) {
            this.quotas = Objects.requireNonNull(value, "quotas");
            return this;
        }

        /** Free-space guard of the artifact store (default {@link DiskGuard#ofDefaults()}: 1 GB floor). */
        public Builder diskGuard(DiskGuard value) {
            this.diskGuard = Objects.requireNonNull(value, "diskGuard");
            return this;
        }

        /**
         * The holiday calendars schedules may name in {@code holiday_calendar}: shared ones and each tenant's own
         * (none by default). A schedule naming a calendar its tenant cannot see is rejected on create and update.
         */
        public Builder holidayCalendars(TenantCalendars calendars) {
            this.holidayCalendars = Objects.requireNonNull(calendars, "holidayCalendars");
            return this;
        }

        /**
         * Turns on signed download links: channels may link to {@code baseUrl?token=...} instead of attaching
         * (e-mail does above its attachment limit), and {@link ScheduledReports#openDownload(String)} verifies
         * such tokens for the host's download endpoint.
         *
         * @param config signing keys and validity
         * @param baseUrl absolute URL of the host's download endpoint
         */
        public Builder downloadLinks(DownloadLinkConfig config, URI baseUrl) {
            Objects.requireNonNull(config, "downloadLinks");
            DownloadLinks.checkBaseUrl(baseUrl);
            this.downloadLinks = DownloadLinks.create(config);
            this.downloadBaseUrl = baseUrl;
            return this;
        }

        /**
         * Turns on per-recipient unsubscribe links: every delivery carries the template variable
         * {@code unsubscribe_url} ({@code baseUrl?token=...}, e-mail also puts it into RFC 2369
         * {@code List-Unsubscribe} and RFC 8058 {@code List-Unsubscribe-Post} headers), and
         * {@link ScheduledReports#unsubscribe} verifies such tokens. Tokens are signed with the download-link keys
         * ({@link #downloadLinks} is required) under a key derived for this purpose only, so a download token is
         * never an unsubscribe token and the other way round.
         *
         * @param baseUrl absolute URL of the host's unsubscribe endpoint
         * @param validity how long a link works; default {@link UnsubscribeLinks#DEFAULT_VALIDITY}
         */
        public Builder unsubscribeLinks(URI baseUrl, Duration validity) {
            String field = "unsubscribe-links.base-url";
            if (baseUrl == null
                    || !baseUrl.isAbsolute()
                    || baseUrl.getHost() == null
                    || !("https".equalsIgnoreCase(baseUrl.getScheme()) || "http".equalsIgnoreCase(baseUrl.getScheme()))
                    || baseUrl.getRawFragment() != null
                    || baseUrl.getRawPath() == null
                    || baseUrl.getRawPath().length() <= 1) {
                throw new ReportsValidationException(
                        field,
                        "must be the absolute http(s) URL of the unsubscribe endpoint (with a path, no fragment),"
                                + " e.g. 'https://app.example.com/api/v1/unsubscribe', was '" + baseUrl + "'");
            }
            this.unsubscribeValidity = UnsubscribeLinks.checkValidity(validity);
            this.unsubscribeBaseUrl = baseUrl;
            return this;
        }

        /**
         * Which recipients each tenant's schedules may have (default: all). Checked on create, update and
         * add-recipient (400 naming {@code recipients[i].destination} and the rule) and before every delivery (a
         * refused delivery fails with {@link io.scheduledreports.spi.ErrorCategory#PERMISSION}). Use
         * {@link RecipientPolicy#of} for per-tenant domain rules.
         */
        public Builder recipientPolicy(RecipientPolicy value) {
            this.recipientPolicy = Objects.requireNonNull(value, "recipientPolicy");
            return this;
        }

        /**
         * After how many permanent refusals in a row (a channel's {@link io.scheduledreports.spi.DeliveryResult#bounced
         * bounce}, e-mail: 5xx at {@code RCPT} or {@code DATA}) a recipient is marked bounced: it gets nothing more
         * until its owner re-activates it, and the owner is told once. A delivery that reaches it resets the count.
         * Default {@value #DEFAULT_BOUNCE_THRESHOLD}, 1-{@value #MAX_BOUNCE_THRESHOLD}.
         */
        public Builder bounceThreshold(int value) {
            if (value < 1 || value > MAX_BOUNCE_THRESHOLD) {
                throw new ReportsValidationException(
                        "bounce-threshold", "must be 1-" + MAX_BOUNCE_THRESHOLD + ", was " + value);
            }
            this.bounceThreshold = value;
            return this;
        }

        /**
         * Turns on the weekly owner summary (off by default): once a week, at {@code value}'s day, time and zone,
         * every schedule owner who has not opted out gets one message with their schedules, the week's runs,
         * failures by category, skipped runs, unsubscribes and bounces, and next week's runs. Sent through the
         * {@link #failureNotifications failure-notification} channel to the address its owner resolver gives
         * (required). One per owner per week across all instances.
         */
        public Builder weeklySummary(io.scheduledreports.core.recipients.WeeklySummary value) {
            this.weeklySummary = Objects.requireNonNull(value, "weeklySummary");
            return this;
        }

        /** {@link #unsubscribeLinks(URI, Duration)} with the default validity. */
        public Builder unsubscribeLinks(URI baseUrl) {
            return unsubscribeLinks(baseUrl, UnsubscribeLinks.DEFAULT_VALIDITY);
        }

        /**
         * Limits how often one channel sends, across all instances on the database: at most
         * {@code limit.maxSends()} per window, counted per {@linkplain DeliveryChannel#rateKey rate key} when the
         * channel gives one (a webhook's host, an SFTP connection). Deliveries beyond it are deferred to their turn
         * (no attempt used, not failed) and go out in the order they asked. Unlimited unless set.
         *
         * @param channelId the id of a channel registered on this builder
         * @param limit sends per window
         */
        public Builder channelRateLimit(String channelId, ChannelRateLimit limit) {
            Objects.requireNonNull(limit, "limit");
            if (channelId == null || channelId.isBlank()) {
                throw new ReportsValidationException("channelRateLimit.channel", "must not be blank");
            }
            if (channelRateLimits.containsKey(channelId)) {
                throw new ReportsValidationException(
                        "channelRateLimit.channel", "'" + channelId + "' has a rate limit already");
            }
            channelRateLimits.put(channelId, limit);
            return this;
        }

        /**
         * What non-admins may read inside their tenant (default {@link Visibility#OWNER}: only the schedules
         * they own, with their history and files).
         */
        public Builder visibility(Visibility value) {
            this.visibility = Objects.requireNonNull(value, "visibility");
            return this;
        }

        /** Limits on manual runs (default {@link ManualRunLimits#ofDefaults()}: 60 s cooldown, 60 per tenant and hour). */
        public Builder manualRuns(ManualRunLimits value) {
            this.manualRuns = Objects.requireNonNull(value, "manualRuns");
            return this;
        }

        /** Used by {@link ReportsTestKit}: run on db-scheduler's manual scheduler with a settable clock. */
        Builder manualScheduling(SettableClock settable) {
            this.manualClock = settable;
            this.clock = new SettableClockAdapter(settable);
            once("clock", "manualScheduling");
            return this;
        }

        /**
         * Builds the instance (detects the database; creates nothing yet).
         *
         * @throws IllegalArgumentException for an unsupported database
         */
        public ScheduledReports build() {
            for (String channelId : channelRateLimits.keySet()) {
                if (!channels.containsKey(channelId)) {
                    throw new ReportsValidationException(
                            "channelRateLimit.channel",
                            "unknown channel '" + channelId + "'; registered: " + channels.keySet());
                }
            }
            if (failureNotifications != null) {
                DeliveryChannel channel = channels.get(failureNotifications.channel());
                if (channel == null) {
                    throw new ReportsValidationException(
                            "failureNotifications.channel",
                            "unknown channel '" + failureNotifications.channel() + "'; registered: "
                                    + channels.keySet());
                }
                channel.validateOptions(failureNotifications.options());
                failureNotifications
                        .extraRecipients()
                        .forEach(address ->
                                channel.validateRecipient(Recipient.of(failureNotifications.channel(), address)));
            }
            if (weeklySummary != null) {
                if (failureNotifications == null) {
                    throw new ReportsValidationException(
                            "weekly-summary",
                            "needs failureNotifications(...) (Spring Boot: scheduled-reports.failure-notifications.*):"
                                    + " summaries go through its channel to the addresses its owner resolver gives");
                }
                try {
                    channels.get(failureNotifications.channel())
                            .validateOptions(Map.of("subject", "Weekly summary", "body", "text"));
                } catch (ReportsValidationException e) {
                    throw new ReportsValidationException(
                            "weekly-summary",
                            "the failure-notification channel '" + failureNotifications.channel()
                                    + "' cannot carry a summary (it takes no subject/body options): " + e.getMessage());
                }
            }
            if (unsubscribeBaseUrl != null && downloadLinks == null) {
                throw new ReportsValidationException(
                        "unsubscribe-links",
                        "need the download-link keys: configure downloadLinks(...) (Spring Boot:"
                                + " scheduled-reports.download-links.keys.*) as well");
            }
            if (maxGenerationTimeout.compareTo(generationTimeout) < 0) {
                throw new ReportsValidationException(
                        "generationTimeout",
                        "must not exceed maxGenerationTimeout (" + Durations.format(maxGenerationTimeout) + "), was "
                                + Durations.format(generationTimeout));
            }
            ArtifactStore store = artifactStore != null
                    ? artifactStore
                    : new LocalDirectoryArtifactStore(
                            Path.of(System.getProperty("java.io.tmpdir"), "scheduled-reports"));
            TableNames tables = new TableNames(tablePrefix);
            TenantLimiter limiter = tenantLimiter != null
                    ? tenantLimiter
                    : tenantLimits != null
                            ? new JdbcTenantLimiter(
                                    dataSource,
                                    tables,
                                    tenantLimits,
                                    clock,
                                    instanceName != null ? instanceName : hostName())
                            : TenantLimiter.unlimited();
            EngineConfig config = new EngineConfig(
                    dataSource,
                    Dialect.detect(dataSource),
                    tables,
                    clock,
                    Map.copyOf(reportTypes),
                    Map.copyOf(formatters),
                    Map.copyOf(channels),
                    store,
                    limiter,
                    tenantLimiter != null || tenantLimits != null,
                    authorizer,
                    List.copyOf(listeners),
                    generationRetry,
                    deliveryRetry,
                    generationTimeout,
                    maxGenerationTimeout,
                    misfireThreshold,
                    maxCatchUpRuns,
                    deferDelay,
                    workerThreads,
                    polling.pollingInterval(),
                    polling.heartbeatInterval(),
                    polling.missedHeartbeatsLimit(),
                    polling.batchFiringSize(),
                    instanceName,
                    retention,
                    quotas,
                    diskGuard,
                    deadLetters.cap(),
                    failureNotifications,
                    deadLetters.alertThreshold(),
                    downloadLinks,
                    downloadBaseUrl,
                    manualClock,
                    holidayCalendars,
                    Map.copyOf(channelRateLimits),
                    visibility,
                    manualRuns,
                    new io.scheduledreports.core.internal.PrivacyConfig(
                            unsubscribeBaseUrl == null
                                    ? null
                                    : UnsubscribeLinks.create(downloadLinks.config(), unsubscribeValidity),
                            unsubscribeBaseUrl,
                            recipientPolicy,
                            bounceThreshold,
                            weeklySummary,
                            downloadLinks == null
                                    ? null
                                    : io.scheduledreports.core.links.Pseudonyms.create(downloadLinks.config())),
                    new io.scheduledreports.core.internal.OpsConfig(tenantAdmins, deliveryQueue));
            return new ScheduledReports(config, previewTimeout, maxClockSkew, backup);
        }

        private static String hostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "unknown-host";
            }
        }

        /**
         * Records which setter gave a setting. Giving the same setting again replaces it (a Boot customizer may
         * override a property; {@code artifactDirectory(path)} is a short form of {@code artifactStore(..)}), but
         * alternatives that configure different mechanisms exclude each other: {@code tenantLimits} (the library's
         * cluster-wide limiter) after {@code tenantLimiter} (the host's own), or the reverse, is refused instead of
         * silently dropping the first ("last call wins" across two different setters hides mistakes).
         */
        private void once(String setting, String setter) {
            String earlier = given.putIfAbsent(setting, setter);
            if (earlier != null && !earlier.equals(setter)) {
                throw new ReportsValidationException(
                        setter,
                        "conflicts with " + earlier + "(..) set earlier on this builder; they are alternatives,"
                                + " give one of them");
            }
        }

        private static <T> void put(Map<String, T> map, String id, T value, String what) {
            if (id == null || id.isBlank()) {
                throw new ReportsValidationException(what + ".id", "must not be blank");
            }
            if (map.containsKey(id)) {
                throw new ReportsValidationException(what + ".id", "'" + id + "' is registered twice");
            }
            map.put(id, value);
        }

        private static Duration within(String field, Duration value, Duration min, Duration max) {
            return PollingSettings.within(field, value, min, max);
        }
    }

    /** A {@link Clock} reading db-scheduler's settable test clock, so both agree on "now". */
    private static final class SettableClockAdapter extends Clock {
        private final SettableClock settable;

        SettableClockAdapter(SettableClock settable) {
            this.settable = settable;
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return settable.now();
        }
    }
}
