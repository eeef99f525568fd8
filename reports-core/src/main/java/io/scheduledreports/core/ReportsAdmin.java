package io.scheduledreports.core;

import io.scheduledreports.core.internal.Operations;

/**
 * Operator views across tenants. The library does not know the host's operators: the host decides who may
 * reach these (the Spring Boot starter requires the admin role and restricts admins to their own tenant).
 */
public final class ReportsAdmin {
    private final Operations operations;

    ReportsAdmin(Operations operations) {
        this.operations = operations;
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
