/**
 * Report parameters: {@link io.scheduledreports.core.params.RelativeDates} resolves relative date windows such as
 * {@code "last_7_days"} against a run's scheduled time in the schedule's zone.
 */
package io.scheduledreports.core.params;
