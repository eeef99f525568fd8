package io.scheduledreports.spring.internal.web;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The holiday calendars of a tenant.
 *
 * @param items the tenant's stored calendars by name
 * @param hostConfigured names of the read-only calendars the host configured for this tenant (a stored calendar
 *     of the same name takes precedence)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CalendarListView(List<CalendarView> items, List<String> hostConfigured) {}
