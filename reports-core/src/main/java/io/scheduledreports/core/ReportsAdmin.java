package io.scheduledreports.core;

import io.scheduledreports.core.backup.BackupArchive;
import io.scheduledreports.core.backup.BackupException;
import io.scheduledreports.core.backup.RestoreResult;
import io.scheduledreports.core.internal.Backups;
import io.scheduledreports.core.internal.Operations;
import io.scheduledreports.core.internal.PersonalData;
import io.scheduledreports.core.recipients.DataSubject;
import io.scheduledreports.core.recipients.ErasureResult;
import io.scheduledreports.spi.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Operator views across tenants. The library does not know the host's operators: the host decides who may
 * reach these (the Spring Boot starter requires the admin role and restricts admins to their own tenant).
 */
public final class ReportsAdmin {
    private final Operations operations;
    private final Backups backups;
    private final io.scheduledreports.core.internal.Engine engine;
    private final PersonalData personalData;
    private final io.scheduledreports.core.internal.OwnerSummaries summaries;

    ReportsAdmin(
            Operations operations,
            PersonalData personalData,
            io.scheduledreports.core.internal.OwnerSummaries summaries,
            io.scheduledreports.core.internal.Engine engine,
            Backups backups) {
        this.operations = operations;
        this.backups = backups;
        this.engine = engine;
        this.personalData = personalData;
        this.summaries = summaries;
    }

    /**
     * Runs the weekly owner summary now for the week that ended at its latest scheduled moment (e.g. after an
     * outage): owners who got that week's summary already are skipped, on every instance.
     *
     * @return how many summaries were queued (0 when summaries are off)
     */
    public int sendWeeklySummaries() {
        return summaries.runNow();
    }

    /**
     * Everything stored about a person in a tenant, as one JSON document (GDPR access request): for a user the
     * schedules they own with recipients, parameters and runs, and the audit entries they made; for an e-mail
     * address the recipient lists it is on, its opt-outs, the deliveries to it and what it did by link. Audited
     * ({@code EXPORT_PERSONAL_DATA}, the person named by their pseudonym only).
     *
     * @param admin who asks; must be an admin
     * @param tenantId the tenant
     * @param subject the user id or the address
     * @return the JSON document
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException unless {@code admin} is an admin
     */
    public String export(Actor admin, String tenantId, DataSubject subject) {
        return personalData.export(admin, tenantId, java.util.Objects.requireNonNull(subject, "subject"));
    }

    /**
     * Erases a person from a tenant (GDPR erasure). An e-mail address is removed from every recipient list and its
     * opt-outs, its pending deliveries are cancelled, and wherever it is kept for the record (deliveries, error
     * texts, audit) it is replaced by a keyed hash, so statistics survive and the address does not. A user's
     * schedules are deleted with their executions, deliveries, dead letters and files (files first), and the user
     * id is replaced by its keyed hash in audit entries and other people's schedules. An unknown person changes
     * nothing (all counts 0); an interrupted erasure can be run again and finishes. Audited
     * ({@code ERASE_PERSONAL_DATA}). Needs the download-link keys (the hash is keyed with them).
     *
     * @param admin who asks; must be an admin
     * @param tenantId the tenant
     * @param subject the user id or the address
     * @return rows changed per table and column
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException unless {@code admin} is an admin
     * @throws io.scheduledreports.spi.ReportsValidationException naming {@code download-links.keys} without keys
     */
    public ErasureResult erase(Actor admin, String tenantId, DataSubject subject) {
        return personalData.erase(admin, tenantId, java.util.Objects.requireNonNull(subject, "subject"));
    }

    /**
     * Schedules of one tenant, or of all tenants.
     *
     * @param tenantId a tenant, or null for every tenant
     * @param query filters and page
     * @return the page
     */
    public Page<ScheduledReport> schedules(String tenantId, ScheduleQuery query) {
        return operations.list(tenantId, query == null ? ScheduleQuery.all() : query);
    }

    /**
     * Dead letters of one tenant, or of all tenants.
     *
     * @param tenantId a tenant, or null for every tenant
     * @param query filters and page
     * @return the page
     */
    public Page<DeadLetter> deadLetters(String tenantId, DeadLetterQuery query) {
        return operations.deadLetters(tenantId, query == null ? DeadLetterQuery.unresolved() : query);
    }

    /**
     * Execution statistics of one tenant, or of all tenants.
     *
     * @param tenantId a tenant, or null for every tenant
     * @return counts by status, success rates over 24 h / 7 d / 30 d, average duration
     */
    public ExecutionStats stats(String tenantId) {
        return operations.stats(tenantId);
    }

    /**
     * The artifact store's space now: free space (local directory; unknown for object storage), the report files
     * kept per tenant and their largest schedules, the space the next 24 hours of runs need (average file size
     * per schedule times its runs in the window), and what a shorter file retention would free. Several
     * aggregate queries over the executions: cache the answer when polling it often.
     *
     * @param tenantId a tenant, or null for every tenant (free space is the store's, whatever the tenant)
     * @return the usage
     */
    public DiskUsage diskUsage(String tenantId) {
        return engine.disk().usage(tenantId);
    }

    /**
     * Bytes of the report files kept per tenant, largest first (one query; what the per-tenant meter reads).
     *
     * @param tenantId a tenant, or null for every tenant
     * @return bytes per tenant
     */
    public java.util.Map<String, Long> storedBytesByTenant(String tenantId) {
        return engine.disk().bytesByTenant(tenantId);
    }

    /**
     * The daily disk samples of the last {@code days} days, oldest first: one per UTC day across all instances,
     * recorded by the first maintenance run of the day, kept {@value DiskSample#KEPT_DAYS} days.
     *
     * @param days 1 to {@value DiskSample#KEPT_DAYS}
     * @return the samples, oldest first; days without a running instance have none
     * @throws io.scheduledreports.spi.ReportsValidationException naming {@code days} when out of range
     */
    public java.util.List<DiskSample> diskTrend(int days) {
        if (days < 1 || days > DiskSample.KEPT_DAYS) {
            throw new io.scheduledreports.spi.ReportsValidationException(
                    "days", "must be 1-" + DiskSample.KEPT_DAYS + ", was " + days);
        }
        return engine.disk().trend(days);
    }

    /**
     * Schedules per status, every status listed.
     *
     * @param tenantId a tenant, or null for every tenant
     * @return counts by status
     */
    public java.util.Map<ScheduleStatus, Long> scheduleCounts(String tenantId) {
        return engine.meterCounts().schedulesByStatus(tenantId);
    }

    /**
     * The share of deliveries that succeeded per channel, among those that ended (sent, or failed for good) in
     * the last {@code window}; channels without an ended delivery in the window are absent.
     *
     * @param tenantId a tenant, or null for every tenant
     * @param window how far back, positive
     * @return channel id to rate (0-1)
     */
    public java.util.Map<String, Double> deliverySuccessRates(String tenantId, java.time.Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new io.scheduledreports.spi.ReportsValidationException("window", "must be positive, was " + window);
        }
        return engine.meterCounts().deliverySuccessRates(tenantId, window);
    }

    /**
     * Backs up the library's tables now (as the daily task does): writes an encrypted, compressed archive into the
     * artifact store, reads it back to verify its digest and content, records it and deletes archives past the
     * retention. Failures are logged, recorded as FAILED and published to {@code ReportsListener#backupFailed}.
     *
     * @return the verified archive
     * @throws BackupException NOT_CONFIGURED without {@code Builder.backup(..)}, FAILED when it could not be written
     *     or verified
     */
    public BackupArchive backupNow() {
        return backups.backup(true);
    }

    /**
     * The recorded backups, newest first (verified and failed).
     *
     * @param limit at most this many, 1 to 1,000
     * @return the backups
     */
    public List<BackupArchive> backups(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new io.scheduledreports.spi.ReportsValidationException("limit", "must be 1-1000, was " + limit);
        }
        return backups.list(limit);
    }

    /**
     * Loads an archive into this instance's schema, which must be empty (a new database or table prefix; the
     * schema is created or upgraded first). The archive may come from any supported database. Everything is
     * inserted in one transaction; the timers of active schedules are armed at their stored {@code next_run_at},
     * so slots already executed before the backup do not run again, and unfinished generations and deliveries are
     * queued again. Run it before other instances start working on the schema.
     *
     * @param archive the archive's bytes (read to the end; the caller closes it)
     * @param key the Base64 key the archive was written with
     * @return what was loaded
     * @throws BackupException WRONG_KEY, DAMAGED (altered or truncated), NOT_AN_ARCHIVE, TOO_NEW (written by a newer
     *     schema), TARGET_NOT_EMPTY or FAILED; in every case nothing was written
     */
    public RestoreResult restore(InputStream archive, String key) {
        return backups.restore(archive, key);
    }

    /**
     * Restores an archive read from this instance's artifact store, by its key (see {@link #backups(int)}).
     *
     * @param archiveKey the archive's key in the store
     * @param key the Base64 key the archive was written with
     * @return what was loaded
     * @throws BackupException as {@link #restore(InputStream, String)}, or FAILED when the store cannot open it
     */
    public RestoreResult restoreFromStore(String archiveKey, String key) {
        try (InputStream in = backups.open(archiveKey)) {
            return backups.restore(in, key);
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Reason.FAILED, "archiveKey: cannot read '" + archiveKey + "': " + e, e);
        }
    }
}
