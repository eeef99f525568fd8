package io.scheduledreports.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link ScheduledReports#checkConfiguration()}: one entry per check (database and schema version,
 * each channel's connection, the artifact store, the signing keys, the clock), in that order.
 *
 * @param checkedAt when the checks ran
 * @param checks every check's outcome
 */
public record ConfigurationReport(Instant checkedAt, List<Check> checks) {

    /** Copies the list. */
    public ConfigurationReport {
        Objects.requireNonNull(checkedAt, "checkedAt");
        checks = List.copyOf(checks);
    }

    /** A check's outcome. */
    public enum Status {
        /** Passed. */
        OK,
        /** Passed, but something needs attention (e.g. low free space). */
        WARNING,
        /** Failed: the library will not work as configured. */
        FAILED,
        /** Nothing to check (a channel without a check, signing keys not configured). */
        SKIPPED
    }

    /**
     * One check.
     *
     * @param name what was checked: {@code database}, {@code channel.<id>}, {@code artifactStore},
     *     {@code signingKeys}, {@code clock}
     * @param status the outcome
     * @param message what was found and, for a failure, what to change; never a secret
     * @param details facts for operators (server, versions, measured values); never a secret
     */
    public record Check(String name, Status status, String message, Map<String, String> details) {

        /** Validates and copies. */
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            message = message == null ? "" : message;
            details = details == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        }
    }

    /** Whether no check failed (warnings and skipped checks pass). */
    public boolean ok() {
        return checks.stream().noneMatch(c -> c.status() == Status.FAILED);
    }

    /** The failed checks. */
    public List<Check> failures() {
        return checks.stream().filter(c -> c.status() == Status.FAILED).toList();
    }

    /** The check named {@code name}, if it ran. */
    public java.util.Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
