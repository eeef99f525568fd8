package io.scheduledreports.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One upcoming run of a schedule, with the holiday it was moved from, if any.
 *
 * @param at when it runs
 * @param movedFrom the date it would have run on, a holiday in the schedule's calendar; null if not moved
 * @param reason why it moved, e.g. {@code "2027-12-24 is a holiday in calendar us-federal"}; null if not moved
 */
public record UpcomingRun(Instant at, LocalDate movedFrom, String reason) {}
