/**
 * Holiday calendars for business-day schedules: rule-based calendars (fixed dates, nth weekdays, Easter-relative
 * days), iCalendar imports and the per-tenant registry that schedules name in {@code holiday_calendar}.
 */
package io.scheduledreports.core.calendar;
