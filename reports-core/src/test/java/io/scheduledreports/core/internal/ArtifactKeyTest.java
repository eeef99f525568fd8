package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.internal.Rows.ExecutionRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The store key of a generated file: {@code {tenant}/{yyyy}/{mm}/{execution-id}/{file-name}}. */
class ArtifactKeyTest {

    private static ExecutionRow execution(String tenant, String id, Instant scheduledFor) {
        return new ExecutionRow(
                id,
                tenant,
                "s1",
                scheduledFor,
                null,
                "RUNNING",
                "{}",
                "csv",
                1,
                null,
                null,
                null,
                null, // started, finished, duration, rows
                null,
                null,
                null,
                null,
                null, // artifact key, name, media type, size, sha256
                null,
                null,
                null, // available until, error category, error message
                scheduledFor,
                null, // resolved parameters
                null); // timeout
    }

    @Test
    void yearAndMonthAreThoseOfTheScheduledTimeInUtc() {
        // 00:30 on 1 March in Paris is still February in UTC
        ExecutionRow e = execution("acme", "01a2-e1", Instant.parse("2026-02-28T23:30:00Z"));
        assertThat(Generation.artifactKey(e, 1, "sales-2026-03-01.csv", "csv"))
                .isEqualTo("acme/2026/02/01a2-e1/sales-2026-03-01.csv");
    }

    @Test
    void laterAttemptsGetTheirOwnFileSoASupersededAttemptNeverDeletesTheWinners() {
        ExecutionRow e = execution("acme", "e1", Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(Generation.artifactKey(e, 1, "sales-2026-12-01.csv.gz", "csv.gz"))
                .isEqualTo("acme/2026/12/e1/sales-2026-12-01.csv.gz");
        assertThat(Generation.artifactKey(e, 2, "sales-2026-12-01.csv.gz", "csv.gz"))
                .isEqualTo("acme/2026/12/e1/sales-2026-12-01-a2.csv.gz");
    }

    @Test
    void everySegmentIsMadeSafeAndCapped() {
        ExecutionRow e = execution("../evil\n" + "t".repeat(300), "e1", Instant.parse("2026-12-01T08:00:00Z"));
        String key = Generation.artifactKey(e, 1, "r.csv", "csv");
        String tenant = key.substring(0, key.indexOf('/'));
        assertThat(tenant).startsWith("_.._evil_").hasSize(Generation.MAX_KEY_SEGMENT);
        assertThat(key.split("/")).hasSize(5).doesNotContain("..", ".", "");
    }
}
