package io.scheduledreports.core.calendar;

import java.time.Instant;

/**
 * A holiday calendar a tenant stored through the API ({@code ScheduledReports.putHolidayCalendar}). For that
 * tenant it hides a host-configured calendar of the same name.
 *
 * @param tenantId the tenant that owns it
 * @param name the name schedules use in {@code holiday_calendar}
 * @param definition weekend and rules or iCalendar text
 * @param version 1 when created, one more on every change
 * @param createdBy who created it
 * @param updatedBy who changed it last
 * @param createdAt when it was created
 * @param updatedAt when it was changed last
 */
public record StoredHolidayCalendar(
        String tenantId,
        String name,
        CalendarDefinition definition,
        long version,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {}
