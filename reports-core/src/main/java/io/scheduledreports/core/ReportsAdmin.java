package io.scheduledreports.core;

import io.scheduledreports.core.internal.Operations;
import io.scheduledreports.core.internal.PersonalData;
import io.scheduledreports.core.recipients.DataSubject;
import io.scheduledreports.core.recipients.ErasureResult;
import io.scheduledreports.spi.Actor;

/**
 * Operator views across tenants. The library does not know the host's operators: the host decides who may
 * reach these (the Spring Boot starter requires the admin role and restricts admins to their own tenant).
 */
public final class ReportsAdmin {
    private final Operations operations;
    private final PersonalData personalData;
    private final io.scheduledreports.core.internal.OwnerSummaries summaries;

    ReportsAdmin(
            Operations operations,
            PersonalData personalData,
            io.scheduledreports.core.internal.OwnerSummaries summaries) {
        this.operations = operations;
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
}
