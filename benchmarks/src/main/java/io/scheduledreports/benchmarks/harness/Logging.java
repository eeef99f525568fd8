package io.scheduledreports.benchmarks.harness;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging for benchmark runs: WARN and above only (the benchmarks module ships no logback.xml, and logback's
 * default is DEBUG). The engine logs two INFO lines per report; {@code --log-level=INFO} puts them back to see
 * what that costs.
 */
public final class Logging {
    private Logging() {}

    /** Sets the root level, e.g. {@code WARN}. */
    public static void level(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.toLevel(level, Level.WARN));
        }
    }

    /** Sets the level of one logger and its children, e.g. {@code ("org.gaul", "WARN")}. */
    public static void level(String logger, String level) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(logger).setLevel(Level.toLevel(level, Level.WARN));
        }
    }
}
