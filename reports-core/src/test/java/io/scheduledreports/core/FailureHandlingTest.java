package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Failure categories, retries, dead letters, timeouts, notifications, disk guard and retention, on each database. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class FailureHandlingTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        new ReportsException(ErrorCategory.NETWORK, "warehouse unreachable"), ErrorCategory.NETWORK, 4),
                Arguments.of(
                        new ReportsException(ErrorCategory.DATA, "region XX does not exist"), ErrorCategory.DATA, 1),
                Arguments.of(
                        new ReportsException(ErrorCategory.CONFIGURATION, "no credentials"),
                        ErrorCategory.CONFIGURATION,
                        1),
                Arguments.of(new ReportsException(ErrorCategory.SYSTEM, "pool exhausted"), ErrorCategory.SYSTEM, 4),
                Arguments.of(new ReportsException(ErrorCategory.TIMEOUT, "query timed out"), ErrorCategory.TIMEOUT, 4),
                Arguments.of(new IllegalStateException("something odd"), ErrorCategory.UNKNOWN, 4),
                Arguments.of(new IOException("disk full"), ErrorCategory.SYSTEM, 4),
                Arguments.of(new ConnectException("Connection refused"), ErrorCategory.NETWORK, 4),
                Arguments.of(new NumberFormatException("For input string: \"x\""), ErrorCategory.DATA, 1));
    }

    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");
    final Actor alice = Actor.of("acme", "alice");
    final Actor admin = Actor.of("acme", "root", Actor.ADMIN);
    final Actor mallory = Actor.of("evil", "mallory", Actor.ADMIN);

    @Parameter
    TestDatabase database;

    EngineFixture f;
    ReportsTestKit kit;

    @TempDir
    Path artifacts;

    ReportsTestKit start(java.util.function.UnaryOperator<ScheduledReports.Builder> config) {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(config.apply(f.builder()), T0);
        return kit;
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

    ScheduledReport schedule() {
        return kit.reports()
                .create(
                        alice,
                        ScheduleRequest.builder()
                                .name("Daily sales")
                                .reportType("sales")
                                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}")
                                .recipient("email", "alice@acme.test")
                                .build());
    }

    Execution only(ScheduledReport s) {
        List<Execution> runs =
                kit.reports().executions(alice, s.id(), PageRequest.first()).items();
        assertThat(runs).hasSize(1);
        return kit.reports().execution(alice, runs.get(0).id());
    }

    @ParameterizedTest
    @MethodSource("io.scheduledreports.core.FailureHandlingTest#failures")
    void everyFailureIsClassifiedRetriedWhenThatCanHelpAndEndsInTheDeadLetters(
            Exception failure, ErrorCategory category, int attempts) {
        start(b -> b);
        f.sales.hook(request -> {
            throw failure;
        });
        ScheduledReport s = schedule();

        kit.advanceTo(s.nextRunAt().plus(Duration.ofHours(1)));

        Execution run = only(s);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.errorCategory()).isEqualTo(category);
        assertThat(run.attempt()).isEqualTo(attempts);
        assertThat(f.sales.generations).hasValue(attempts);
        assertThat(f.email.received()).isEmpty();
        assertThat(kit.reports()
                        .deadLetters(admin, DeadLetterQuery.unresolved())
                        .items())
                .singleElement()
                .satisfies(dl -> {
                    assertThat(dl.kind()).isEqualTo(DeadLetter.Kind.GENERATION);
                    assertThat(dl.category()).isEqualTo(category);
                    assertThat(dl.attempts()).isEqualTo(attempts);
                    assertThat(dl.executionId()).isEqualTo(run.id());
                    assertThat(dl.errorDetail()).contains(failure.getClass().getName());
                });
    }

    @Test
    void retriesWithBackoffThenSucceeds() {
        start(b -> b);
        AtomicInteger calls = new AtomicInteger();
        f.sales.hook(request -> {
            if (calls.incrementAndGet() <= 2) {
                throw new ReportsException(ErrorCategory.NETWORK, "warehouse unreachable");
            }
        });
        ScheduledReport s = schedule();
        kit.advanceTo(s.nextRunAt());
        assertThat(only(s).status()).isEqualTo(ExecutionStatus.RETRYING);
        kit.advance(Duration.ofSeconds(40)); // first backoff is 1 min +/- 20 %
        assertThat(only(s).attempt()).isEqualTo(1);

        kit.advance(Duration.ofMinutes(10));

        Execution run = only(s);
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.attempt()).isEqualTo(3);
        assertThat(f.email.received()).hasSize(1);
        assertThat(kit.reports().deadLetters(admin, DeadLetterQuery.all()).total())
                .isZero();
    }

    @Test
    void deadLettersCanBeReplayedResolvedInBulkAndPurged() {
        start(b -> b.generationRetry(RetryPolicy.noRetries()));
        AtomicInteger failing = new AtomicInteger(1);
        f.sales.hook(request -> {
            if (failing.get() == 1) {
                throw new ReportsException(ErrorCategory.SYSTEM, "database of the host is down");
            }
        });
        ScheduledReport s = schedule();
        kit.advanceTo(s.nextRunAt().plus(Duration.ofDays(2)));
        List<DeadLetter> dead =
                kit.reports().deadLetters(admin, DeadLetterQuery.unresolved()).items();
        assertThat(dead).hasSize(3);
        assertThat(kit.reports().deadLetters(mallory, DeadLetterQuery.all()).total())
                .isZero();
        assertThat(kit.reports()
                        .retryDeadLetters(
                                mallory, dead.stream().map(DeadLetter::id).toList()))
                .isZero();
        assertThatThrownBy(() -> kit.reports().deadLetters(alice, DeadLetterQuery.all()))
                .isInstanceOf(ReportsAccessDeniedException.class);

        failing.set(0);
        assertThat(kit.reports().retryDeadLetters(admin, List.of(dead.get(0).id())))
                .isEqualTo(1);
        kit.runDue();
        Execution replayed = kit.reports().execution(alice, dead.get(0).executionId());
        assertThat(replayed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(f.email.received()).hasSize(1);

        List<String> rest = dead.subList(1, 3).stream().map(DeadLetter::id).toList();
        assertThatThrownBy(() -> kit.reports().resolveDeadLetters(admin, rest, " "))
                .hasMessageStartingWith("note:");
        assertThat(kit.reports().resolveDeadLetters(admin, rest, "host database was restored; runs not needed"))
                .isEqualTo(2);
        assertThat(kit.reports()
                        .deadLetters(admin, DeadLetterQuery.unresolved())
                        .total())
                .isZero();
        assertThat(kit.reports()
                        .deadLetters(
                                admin, new DeadLetterQuery(null, null, DeadLetter.Status.RESOLVED, null, null, null))
                        .items())
                .allSatisfy(
                        dl -> assertThat(dl.resolutionNote()).isEqualTo("host database was restored; runs not needed"));
        assertThat(kit.reports().purgeResolvedDeadLetters(admin, kit.now().plusSeconds(1)))
                .isEqualTo(3);
        assertThat(kit.reports().deadLetters(admin, DeadLetterQuery.all()).total())
                .isZero();
    }

    @Test
    void aHangingReportTypeIsCancelledAtItsTimeoutAndMarkedTimeout() {
        start(b -> b.generationTimeout(Duration.ofSeconds(1)).generationRetry(RetryPolicy.noRetries()));
        f.sales.hook(request -> Thread.sleep(60_000)); // ignores the cancellation signal; the interrupt stops it
        ScheduledReport s = schedule();

        long t0 = System.nanoTime();
        kit.advanceTo(s.nextRunAt());

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        Execution run = only(s);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.errorCategory()).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(run.errorMessage()).startsWith("generation exceeded its timeout of 1s");
        assertThat(Thread.currentThread().isInterrupted())
                .as("the interrupt does not leak")
                .isFalse();
        assertThat(Files.exists(artifacts.resolve(".incoming"))).isTrue();
        assertThat(artifacts.resolve(".incoming").toFile().list())
                .as("no partial file left")
                .isEmpty();
    }

    @Test
    void ownerAndOperationsAreToldOnceWhenAnExecutionFailsForGood() {
        start(b -> b.generationRetry(RetryPolicy.noRetries())
                .failureNotifications(new FailureNotifications(
                        "email",
                        (tenant, owner) -> Optional.of(owner + "@" + tenant + ".test"),
                        List.of("ops@acme.test"),
                        Map.of("subject", "failed"))));
        f.sales.hook(request -> {
            throw new ReportsException(ErrorCategory.DATA, "region XX does not exist");
        });
        ScheduledReport s = schedule();
        kit.advanceTo(s.nextRunAt().plus(Duration.ofMinutes(1)));

        assertThat(f.email.received())
                .extracting(RecordingChannel_Received::destination)
                .containsExactlyInAnyOrder("alice@acme.test", "ops@acme.test");
        assertThat(new String(f.email.received().get(0).content(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("region XX does not exist")
                .contains(only(s).id());

        DeadLetter dl = kit.reports()
                .deadLetters(admin, DeadLetterQuery.unresolved())
                .items()
                .get(0);
        kit.reports().retryDeadLetters(admin, List.of(dl.id())); // fails again
        kit.advance(Duration.ofMinutes(30));
        assertThat(f.email.received())
                .as("still one notification per failed execution")
                .hasSize(2);
    }

    @Test
    void generationIsDeferredNotFailedWhileTheDiskIsBelowItsFloor() {
        AtomicLong free = new AtomicLong(100L << 20);
        start(b -> b.diskGuard(DiskGuard.ofDefaults().withProbe(() -> OptionalLong.of(free.get()))));
        ScheduledReport s = schedule();
        kit.advanceTo(s.nextRunAt().plus(Duration.ofMinutes(5)));
        assertThat(only(s).status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(only(s).attempt()).as("no attempt consumed").isZero();
        assertThat(f.sales.generations).hasValue(0);

        free.set(2L << 30);
        kit.advance(Duration.ofSeconds(10));
        assertThat(only(s).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(only(s).attempt()).isEqualTo(1);
    }

    @Test
    void everyLogLineOfAGenerationCarriesTenantScheduleAndExecution() {
        start(b -> b);
        Logger hostLog = (Logger) LoggerFactory.getLogger("host.report");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        hostLog.addAppender(captured);
        hostLog.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            f.sales.hook(request -> LoggerFactory.getLogger("host.report").info("querying the warehouse"));
            ScheduledReport s = schedule();
            kit.advanceTo(s.nextRunAt());
            assertThat(captured.list)
                    .singleElement()
                    .satisfies(event -> assertThat(event.getMDCPropertyMap())
                            .containsEntry("tenant_id", "acme")
                            .containsEntry("schedule_id", s.id())
                            .containsEntry("execution_id", only(s).id()));
        } finally {
            hostLog.detachAppender(captured);
        }
    }

    @Test
    void retentionExpiresFilesAndThenPurgesHistory() {
        start(b -> b.retention(new RetentionPolicy(Duration.ofDays(2), Duration.ofDays(4), Map.of())));
        ScheduledReport s = schedule();
        kit.advanceTo(s.nextRunAt());
        String first = only(s).id();
        assertThat(only(s).availableUntil()).isEqualTo(s.nextRunAt().plus(Duration.ofDays(2)));

        kit.advance(Duration.ofDays(3)); // the daily job runs at 03:00 UTC on the way

        Execution expired = kit.reports().execution(alice, first);
        assertThat(expired.status()).isEqualTo(ExecutionStatus.EXPIRED);
        assertThat(expired.artifact()).isNull();
        assertThatThrownBy(() -> kit.reports().openArtifact(alice, first)).isInstanceOf(ReportsNotFoundException.class);
        try (Stream<Path> files = Files.walk(artifacts)) {
            // runs of Feb 11-14; at the Feb 14 03:00 pass only Feb 11's file (until Feb 13 09:00) had expired
            assertThat(files.filter(Files::isRegularFile).count())
                    .as("files of the 3 newest runs")
                    .isEqualTo(3);
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        kit.advance(Duration.ofDays(3));
        assertThatThrownBy(() -> kit.reports().execution(alice, first)).isInstanceOf(ReportsNotFoundException.class);
        assertThat(kit.reports().executions(alice, s.id(), PageRequest.first()).total())
                .isEqualTo(5); // runs of Feb 11-17; the Feb 17 03:00 pass purged rows created before Feb 13 03:00
    }

    @Test
    void aCronFiringMoreOftenThanTheMinimumIntervalIsRejected() {
        start(b -> b.quotas(Quotas.builder()
                .tenant("vip", new Quotas.Limits(10, 100, Duration.ofMinutes(5), 50))
                .build()));
        ScheduleRequest every15 = ScheduleRequest.builder()
                .name("often")
                .reportType("sales")
                .schedule("{\"cadence\":\"cron\",\"cron_expression\":\"*/15 * * * *\",\"timezone\":\"UTC\"}")
                .build();
        assertThatThrownBy(() -> kit.reports().create(alice, every15))
                .isInstanceOf(ReportsQuotaExceededException.class)
                .hasMessage("schedule: runs as often as every 15m, more often than the minimum interval of 1h");
        assertThat(kit.reports().create(Actor.of("vip", "v"), every15).id()).isNotNull();
    }

    /** Shorthand for the recorded delivery type in extracting(). */
    interface RecordingChannel_Received {
        static String destination(io.scheduledreports.core.fixtures.RecordingChannel.Received r) {
            return r.destination();
        }
    }
}
