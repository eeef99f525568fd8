package io.scheduledreports.core.recipients;

import java.util.Map;
import java.util.Objects;

/**
 * What a GDPR erasure changed. Repeating an erasure is safe: a finished one changes nothing more (all counts 0),
 * an interrupted one finishes what is left.
 *
 * @param subject whose data
 * @param pseudonym the keyed hash that now stands for the person in deliveries and audit
 * @param rows rows changed per {@code table.column} (or {@code table} for deleted rows, {@code files} for
 *     deleted artifact files), in the order the erasure works
 */
public record ErasureResult(DataSubject subject, String pseudonym, Map<String, Integer> rows) {

    /** Checks and copies. */
    public ErasureResult {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(pseudonym, "pseudonym");
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }

    /** Rows changed in all. */
    public int total() {
        return rows.values().stream().mapToInt(Integer::intValue).sum();
    }
}
