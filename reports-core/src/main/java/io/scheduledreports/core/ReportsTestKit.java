package io.scheduledreports.core;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Deterministic time travel for hosts' tests: the engine runs on db-scheduler's manual scheduler with a
 * settable clock. Nothing happens on its own; {@link #advance(Duration)} moves the clock and runs everything
 * that became due (including work that the due work creates), in the calling thread, without sleeping.
 *
 * <pre>{@code
 * try (ReportsTestKit kit = ReportsTestKit.start(ScheduledReports.builder(ds).reportType(t).formatter(csv),
 *         Instant.parse("2026-02-16T08:00:00Z"))) {
 *     kit.reports().create(actor, request);
 *     kit.advance(Duration.ofHours(1));   // fires, generates and delivers what was due
 * }
 * }</pre>
 */
public final class ReportsTestKit implements AutoCloseable {

    private static final int MAX_ROUNDS = 10_000;

    private final SettableClock clock;
    private final ScheduledReports reports;
    private final ManualScheduler scheduler;

    private ReportsTestKit(SettableClock clock, ScheduledReports reports) {
        this.clock = clock;
        this.reports = reports;
        this.scheduler = reports.engine().manualScheduler();
    }

    /**
     * Builds and starts an instance on a settable clock.
     *
     * @param builder a configured builder (its own clock is replaced)
     * @param startTime the initial time
     * @return the kit
     */
    public static ReportsTestKit start(ScheduledReports.Builder builder, Instant startTime) {
        SettableClock clock = new SettableClock();
        clock.set(Objects.requireNonNull(startTime, "startTime"));
        ScheduledReports reports = builder.manualScheduling(clock).build();
        reports.start();
        return new ReportsTestKit(clock, reports);
    }

    /** The instance under test. */
    public ScheduledReports reports() {
        return reports;
    }

    /** The current test time. */
    public Instant now() {
        return clock.now();
    }

    /** Runs everything due now, repeatedly, until nothing is due. Returns the number of rounds. */
    public int runDue() {
        int rounds = 0;
        while (reports.engine().dueTaskCount() > 0) {
            if (++rounds > MAX_ROUNDS) {
                throw new IllegalStateException("work keeps becoming due after " + MAX_ROUNDS + " rounds at " + now());
            }
            scheduler.runAnyDueExecutions();
        }
        return rounds;
    }

    /**
     * Moves the clock forward and runs what became due. Runs due at intermediate times are run at those times:
     * the clock stops at each due task's time on the way.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        advanceTo(now().plus(duration));
    }

    /** Moves the clock to {@code target} (not backwards) and runs what became due on the way. */
    public void advanceTo(Instant target) {
        if (target.isBefore(now())) {
            throw new IllegalArgumentException("target " + target + " is before the current test time " + now());
        }
        runDue();
        Instant next;
        while ((next = reports.engine().nextTaskTime()) != null && !next.isAfter(target)) {
            if (next.isAfter(now())) {
                clock.set(next);
            }
            runDue();
        }
        clock.set(target);
        runDue();
    }

    /** Moves the clock without running anything (e.g. to simulate downtime before a restart). */
    public void setTimeWithoutRunning(Instant time) {
        clock.set(time);
    }

    /** Closes the instance. */
    @Override
    public void close() {
        reports.close();
    }
}
