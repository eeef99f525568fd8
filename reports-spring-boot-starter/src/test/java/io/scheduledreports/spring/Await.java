package io.scheduledreports.spring;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for the engine, which polls on its own in a real context, with a deadline instead of a fixed sleep. */
final class Await {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Await() {}

    static void until(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
