package io.scheduledreports.core;

/**
 * What a schedule does about runs it missed while no instance was running (downtime, a long pause in
 * polling). A run counts as missed when it fires later than the engine's misfire threshold after its time.
 */
public enum MisfirePolicy {
    /** One run, for the latest missed time; never a burst. The default. */
    RUN_ONCE,
    /** One run for every missed time, oldest first, capped by the engine's catch-up limit (the latest ones). */
    RUN_ALL,
    /** No run for missed times; the schedule continues with its next future time. */
    SKIP
}
