/**
 * When reports run: {@link io.scheduledreports.core.schedule.ScheduleSpec} (daily, weekly, monthly, cron, once, in
 * an IANA time zone), read from and written to the REST API's JSON shape, and its next runs computed with exact
 * daylight-saving rules. Invalid input is an {@link io.scheduledreports.core.schedule.InvalidScheduleException}
 * naming the JSON field.
 *
 * <p>The {@code internal} subpackage is implementation and may change without notice.
 */
package io.scheduledreports.core.schedule;
