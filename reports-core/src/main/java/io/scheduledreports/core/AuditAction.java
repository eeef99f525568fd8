package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an {@link AuditEvent} records. The audit log, its REST API and its CSV export carry the constant's
 * {@linkplain #name() name} (e.g. {@code RUN_NOW}); {@link AuditQuery} filters by it.
 */
public enum AuditAction {
    /** A schedule or a stored holiday calendar was created. */
    CREATE,
    /** A schedule was changed. */
    UPDATE,
    /** A schedule or a stored holiday calendar was deleted. */
    DELETE,
    /** A stored holiday calendar was replaced by a new version. */
    REPLACE,
    /** A schedule was paused, by a user or by the engine (actor {@code system}, with the reason). */
    PAUSE,
    /** A paused schedule was resumed. */
    RESUME,
    /** Every schedule of one owner was paused (e.g. when the owner left). */
    PAUSE_ALL_OWNED_BY,
    /** A manual run was queued. */
    RUN_NOW,
    /** A schedule's next run moved because a holiday calendar it names changed. */
    RECALCULATE,
    /** A recipient was added to a schedule. */
    ADD_RECIPIENT,
    /** A recipient was removed from a schedule. */
    REMOVE_RECIPIENT,
    /** An unsubscribed or inactive recipient was made active again. */
    REACTIVATE_RECIPIENT,
    /** A recipient unsubscribed from one schedule. */
    UNSUBSCRIBE,
    /** A recipient unsubscribed from every schedule of the tenant. */
    UNSUBSCRIBE_TENANT,
    /** A recipient was marked bounced after repeated permanent rejections (actor {@code system}). */
    RECIPIENT_BOUNCED,
    /** An owner turned the weekly summary off. */
    WEEKLY_SUMMARY_OFF,
    /** An owner turned the weekly summary back on. */
    WEEKLY_SUMMARY_ON,
    /** An admin exported everything stored about a person (the person named by pseudonym only). */
    EXPORT_PERSONAL_DATA,
    /** An admin erased a person's data (the person named by pseudonym only). */
    ERASE_PERSONAL_DATA,
    /** Dead letters matching a filter were deleted in bulk. */
    DELETE_DEAD_LETTERS,
    /** A file was downloaded (actor {@code download-link} for a download by signed link). */
    DOWNLOAD,
    /** Dead letters were queued again. */
    RETRY_DEAD_LETTER,
    /** Dead letters were marked resolved. */
    RESOLVE_DEAD_LETTER,
    /** Retried and resolved dead letters were deleted. */
    PURGE_DEAD_LETTERS,
    /** A test delivery of a schedule was sent. */
    TEST_DELIVERY,
    /** A channel's connection was checked. */
    CHANNEL_CHECK;

    /**
     * The action a filter names, ignoring case and surrounding blanks.
     *
     * @param field the name of the filter in the caller's terms, e.g. {@code action}
     * @param value the filter value
     * @return the action
     * @throws ReportsValidationException naming {@code field} and every allowed value when {@code value} names none
     */
    public static AuditAction parse(String field, String value) {
        String key = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (AuditAction action : values()) {
            if (action.name().equals(key)) {
                return action;
            }
        }
        throw ReportsValidationException.of(
                field,
                "must be one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")),
                "'" + value + "'");
    }
}
