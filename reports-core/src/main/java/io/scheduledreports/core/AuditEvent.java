package io.scheduledreports.core;

import java.time.Instant;

/**
 * One entry of the audit log: who did what to which object, with the values before and after.
 *
 * @param id event id
 * @param tenantId tenant
 * @param actor user id, or {@code download-link} for a download by signed link
 * @param action what was done, e.g. {@link AuditAction#CREATE}, {@link AuditAction#RUN_NOW}
 * @param entityType {@code schedule}, {@code execution}, {@code dead_letter}, ...
 * @param entityId the object's id
 * @param oldValue the values before, as JSON text, or null
 * @param newValue the values after, as JSON text, or null
 * @param occurredAt when
 */
public record AuditEvent(
        String id,
        String tenantId,
        String actor,
        AuditAction action,
        String entityType,
        String entityId,
        String oldValue,
        String newValue,
        Instant occurredAt) {}
