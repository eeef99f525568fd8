package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.jdbc.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed in the middle of a generation leaves its temporary file in the local store's {@code .incoming}
 * folder (only commit and discard delete it). The engine sweeps such files at start-up and from its maintenance
 * task once they are older than the longest generation timeout (plus a margin), and never a younger one.
 */
class AbandonedPartialFilesTest {

    @TempDir
    Path artifacts;

    private Path partial(String name, Instant modified) throws Exception {
        Path file = artifacts.resolve(".incoming").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "id,amount\n1,");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void startUpRemovesPartialFilesOlderThanTheLongestGenerationTimeout() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path abandoned = partial("killed-generation.part", now.minus(Duration.ofHours(3)));
        Path running = partial("running-generation.part", now.minus(Duration.ofMinutes(90)));
        Path committed = artifacts.resolve("acme/s1/e1-a1.csv");
        Files.createDirectories(committed.getParent());
        Files.writeString(committed, "id\n1\n");
        Files.setLastModifiedTime(committed, FileTime.from(now.minus(Duration.ofDays(3))));

        try (EngineFixture f = new EngineFixture(TestDatabase.H2, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(f.builder().maxGenerationTimeout(Duration.ofHours(2)), now)) {
            assertThat(abandoned).as("older than the 2 h timeout + 5 min").doesNotExist();
            assertThat(running)
                    .as("younger than the longest timeout: may still be written")
                    .exists();
            assertThat(committed)
                    .as("committed files are not the sweep's business")
                    .exists();
        }
    }

    @Test
    void theMaintenanceTaskRemovesThemWhileTheEngineRuns() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (EngineFixture f = new EngineFixture(TestDatabase.H2, artifacts);
                ReportsTestKit kit =
                        ReportsTestKit.start(f.builder().maxGenerationTimeout(Duration.ofMinutes(30)), now)) {
            Path left = partial("killed-generation.part", now);
            kit.advance(Duration.ofMinutes(10));
            assertThat(left).as("10 min old, the timeout is 30 min").exists();

            kit.advance(Duration.ofMinutes(30));
            assertThat(left).as("40 min old: past 30 min + 5 min").doesNotExist();
        }
    }
}
