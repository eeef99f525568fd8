/**
 * Implementation of the schedule model: local run sequences per cadence, cron matching on bit sets, a per-zone
 * offset table and the DST rules that place local runs on the time line. Not API.
 */
package io.scheduledreports.core.schedule.internal;
