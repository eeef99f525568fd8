package io.scheduledreports.spi;

import java.time.Instant;

/**
 * Tells a running {@link ReportType} that it should stop: its deadline passed or the execution was cancelled.
 * Long-running generators check {@link #isCancelled()} between batches; the engine also interrupts the thread.
 */
public interface CancellationSignal {

    /** Whether the work should stop now. */
    boolean isCancelled();

    /** The instant after which the work is cancelled. */
    Instant deadline();

    /**
     * Throws when the work should stop.
     *
     * @throws ReportsException of category {@link ErrorCategory#TIMEOUT} once cancelled
     */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new ReportsException(
                    ErrorCategory.TIMEOUT, "generation cancelled: deadline " + deadline() + " passed");
        }
    }

    /** A signal that is never cancelled, for tests and ad-hoc runs. */
    static CancellationSignal none() {
        return new CancellationSignal() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public Instant deadline() {
                return Instant.MAX;
            }
        };
    }
}
