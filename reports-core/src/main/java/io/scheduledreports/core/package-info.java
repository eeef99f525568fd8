/**
 * The library's entry point: {@link io.scheduledreports.core.ScheduledReports} (facade and builder), the
 * requests, views and policies it takes and returns, and {@link io.scheduledreports.core.ReportsTestKit} for hosts'
 * own tests. API.
 */
package io.scheduledreports.core;
