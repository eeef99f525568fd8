package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An instance on a local directory that sees another live instance (its heartbeat on a running generation) warns
 * that the other cannot read its files, unless the directory was declared shared.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class UnsharedLocalStoreWarningTest {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    @Test
    void warnsWhileAnotherInstanceIsAliveUnlessTheDirectoryIsShared() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EngineFixture f = new EngineFixture(database, dirB);
                HikariDataSource poolA = f.db.newPool(4);
                HikariDataSource poolB = f.db.newPool(4)) {
            ScheduledReports b = builder(f, poolB, started, release)
                    .instanceName("node-b")
                    .artifactStore(new LocalDirectoryArtifactStore(dirB))
                    .build();
            ScheduledReports a = builder(f, poolA, started, release)
                    .instanceName("node-a")
                    .artifactStore(new LocalDirectoryArtifactStore(dirA))
                    .build();
            ScheduledReports shared = builder(f, poolA, started, release)
                    .instanceName("node-s")
                    .artifactStore(LocalDirectoryArtifactStore.shared(dirA))
                    .build();
            try {
                b.start(); // alone: only B can pick the run
                Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
                ScheduledReport s = b.create(
                        alice,
                        ScheduleRequest.builder()
                                .name("Slow")
                                .reportType("slow")
                                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                .build());
                assertThat(b.unsharedLocalStoreWarning())
                        .as("B alone sees only itself")
                        .isEmpty();
                b.runNow(alice, s.id());
                assertThat(started.await(30, TimeUnit.SECONDS))
                        .as("B runs the generation")
                        .isTrue();

                a.start();
                shared.start();
                assertThat(a.unsharedLocalStoreWarning())
                        .hasValueSatisfying(w -> assertThat(w)
                                .contains("sees 2 live instances [node-a, node-b]")
                                .contains(dirA.toAbsolutePath().toString())
                                .contains("LocalDirectoryArtifactStore.shared(path)"));
                assertThat(shared.unsharedLocalStoreWarning())
                        .as("declared shared")
                        .isEmpty();
            } finally {
                release.countDown();
                b.close();
                a.close();
                shared.close();
            }
        }
    }

    private static ScheduledReports.Builder builder(
            EngineFixture f, javax.sql.DataSource ds, CountDownLatch started, CountDownLatch release) {
        return ScheduledReports.builder(ds)
                .tablePrefix(f.db.tables().prefix())
                .reportType(ReportTypes.fromMaps("slow", List.of(Column.text("x")), req -> {
                    started.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Stream.of(Map.of("x", "done"));
                }))
                .formatter(io.scheduledreports.formats.CsvFormatter.ofDefaults())
                .channel(f.email)
                .polling(PollingSettings.builder()
                        .pollingInterval(Duration.ofMillis(100))
                        .build())
                .diskGuard(DiskGuard.disabled());
    }
}
