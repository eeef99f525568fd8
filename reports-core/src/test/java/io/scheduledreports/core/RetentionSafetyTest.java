package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retention never loses track of a file: a file whose delete fails keeps its execution (not EXPIRED) for the next
 * run, history rows are purged only after their file is gone, and no tenant keeps files longer than history.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class RetentionSafetyTest {

    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");
    static final String ONCE = "{\"cadence\":\"once\",\"run_at\":\"2026-02-11T09:00\",\"timezone\":\"UTC\"}";

    final Actor alice = Actor.of("acme", "alice", Actor.CREATOR);

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;

    /** A real local store whose deletes fail while {@code failing} is positive (one failure per call). */
    static final class FailingDeletes implements ArtifactStore {
        final LocalDirectoryArtifactStore local;
        final AtomicInteger failing = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();

        FailingDeletes(Path root) {
            local = new LocalDirectoryArtifactStore(root);
        }

        @Override
        public ArtifactOutput create(String key) throws IOException {
            return local.create(key);
        }

        @Override
        public InputStream open(String key) throws IOException {
            return local.open(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            attempts.incrementAndGet();
            if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("permission denied: " + key);
            }
            return local.delete(key);
        }

        @Override
        public boolean exists(String key) throws IOException {
            return local.exists(key);
        }
    }

    FailingDeletes store;

    ScheduledReports start(RetentionPolicy policy) {
        f = new EngineFixture(database, artifacts);
        store = new FailingDeletes(artifacts);
        kit = ReportsTestKit.start(f.builder().artifactStore(store).retention(policy), T0);
        return kit.reports();
    }

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (f != null) {
            f.close();
        }
    }

    long files() throws IOException {
        try (Stream<Path> s = Files.walk(artifacts)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    Execution once(ScheduledReports reports) {
        ScheduledReport s = reports.create(
                alice,
                ScheduleRequest.builder()
                        .name("Once")
                        .reportType("sales")
                        .schedule(ONCE)
                        .recipient("email", "alice@acme.test")
                        .build());
        kit.advanceTo(Instant.parse("2026-02-11T09:01:00Z"));
        Execution run =
                reports.executions(alice, s.id(), PageRequest.first()).items().get(0);
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return run;
    }

    @Test
    void aFileWhoseDeleteFailsIsNotMarkedExpiredAndIsDeletedByTheNextRun() throws Exception {
        ScheduledReports reports = start(new RetentionPolicy(Duration.ofDays(1), Duration.ofDays(30), Map.of()));
        Execution run = once(reports);
        store.failing.set(1);

        kit.setTimeWithoutRunning(Instant.parse("2026-02-12T10:00:00Z"));
        ScheduledReports.RetentionResult first = reports.runRetention();
        assertThat(first.expiredArtifacts()).isZero();
        assertThat(reports.execution(alice, run.id()).status())
                .as("still the file's execution: the next run must find it")
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(files()).isEqualTo(1);

        ScheduledReports.RetentionResult second = reports.runRetention();
        assertThat(second.expiredArtifacts()).isEqualTo(1);
        assertThat(reports.execution(alice, run.id()).status()).isEqualTo(ExecutionStatus.EXPIRED);
        assertThat(files()).isZero();
        assertThat(store.attempts).hasValue(2);
    }

    @Test
    void historyIsNotPurgedWhileItsFileCouldNotBeDeleted() throws Exception {
        ScheduledReports reports = start(new RetentionPolicy(Duration.ofDays(1), Duration.ofDays(2), Map.of()));
        Execution run = once(reports);
        store.failing.set(Integer.MAX_VALUE);

        kit.setTimeWithoutRunning(Instant.parse("2026-02-20T10:00:00Z")); // past both retentions
        ScheduledReports.RetentionResult blocked = reports.runRetention();
        assertThat(blocked.purgedExecutions())
                .as("the row is the only way to find the file")
                .isZero();
        assertThat(reports.execution(alice, run.id()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(files()).isEqualTo(1);

        store.failing.set(0);
        ScheduledReports.RetentionResult done = reports.runRetention();
        assertThat(done.expiredArtifacts()).isEqualTo(1);
        assertThat(done.purgedExecutions()).isEqualTo(1);
        assertThat(files()).isZero();
        assertThatThrownBy(() -> reports.execution(alice, run.id())).isInstanceOf(ReportsNotFoundException.class);
    }

    @Test
    void aTenantFileRetentionLongerThanHistoryIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new RetentionPolicy(
                        Duration.ofDays(30), Duration.ofDays(90), Map.of("acme", Duration.ofDays(120))))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("retention.tenants.acme"))
                .hasMessageContaining("must not be longer than retention.history (90d), was 120d");
        assertThatThrownBy(() -> RetentionPolicy.ofDefaults()
                        .withTenant("acme", Duration.ofDays(200))
                        .withHistoryRetention(Duration.ofDays(100)))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageContaining("retention.tenants.acme");
        assertThat(RetentionPolicy.ofDefaults()
                        .withTenant("acme", Duration.ofDays(365))
                        .artifactRetentionFor("acme"))
                .as("as long as history is allowed")
                .isEqualTo(Duration.ofDays(365));
    }
}
