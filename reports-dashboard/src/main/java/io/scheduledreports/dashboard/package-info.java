/**
 * The embeddable dashboard: a web UI over the starter's REST API, served by
 * {@link io.scheduledreports.dashboard.ScheduledReportsDashboardAutoConfiguration}. It has no server-side logic
 * of its own beyond the page shell; every read and change goes through the API and its authorization.
 */
package io.scheduledreports.dashboard;
