package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batch firing (issue 25): a worker that picks a timer well after it was due fires batches of other due schedules,
 * one transaction each, before it runs its own report, so executions are recorded soon after they fall due instead of one report at a
 * time. Observed from outside: how many runs are recorded when the first report starts, and that every run still
 * happens exactly once (the re-armed timers, which the manual scheduler had already fetched, must not run again).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BatchFiringTest {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final Instant DUE = Instant.parse("2026-03-02T09:00:00Z");
    static final int SCHEDULES = 25;
    /** The first few are one-time schedules: firing completes them and removes their timers. */
    static final int ONE_TIME = 4;

    final Actor alice = Actor.of("acme", "alice");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    /** Executions recorded in the table each time a report started. */
    final List<Long> recordedAtStart = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private void start(int batchFiringSize) {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(
                f.builder()
                        .quotas(Quotas.builder().maxSchedulesPerOwner(SCHEDULES).build())
                        .polling(PollingSettings.builder()
                                .pollingInterval(Duration.ofSeconds(1))
                                .batchFiringSize(batchFiringSize)
                                .build())
                        .listener(new ReportsListener() {
                            @Override
                            public void executionStarted(ExecutionEvent event) {
                                recordedAtStart.add(f.sql.count(f.db.tables().executions()));
                            }
                        }),
                T0);
        for (int i = 0; i < SCHEDULES; i++) {
            kit.reports()
                    .create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("report " + i)
                                    .reportType("sales")
                                    .schedule(
                                            i < ONE_TIME
                                                    ? "{\"cadence\":\"once\",\"run_at\":\"2026-03-02T09:00\","
                                                            + "\"timezone\":\"UTC\"}"
                                                    : "{\"cadence\":\"daily\",\"time\":\"09:00\","
                                                            + "\"timezone\":\"UTC\"}")
                                    .recipient("email", "user" + i + "@acme.test")
                                    .build());
        }
    }

    /**
     * Every schedule ran once for DUE, each delivery sent once, every daily schedule's timer re-armed for the next
     * day, every one-time schedule completed without a timer.
     */
    private void assertEachRanOnce() {
        var t = f.db.tables();
        assertThat(f.sql.count(t.executions(), "status = 'SUCCEEDED' AND attempt = 1"))
                .as("succeeded executions")
                .isEqualTo(SCHEDULES);
        assertThat(f.sql.count(t.executions())).as("executions in all").isEqualTo(SCHEDULES);
        assertThat(f.sql.strings("SELECT DISTINCT schedule_id FROM " + t.executions()))
                .hasSize(SCHEDULES);
        assertThat(f.sales.generations).hasValue(SCHEDULES);
        assertThat(f.email.received()).hasSize(SCHEDULES);
        assertThat(f.email.received().stream()
                        .map(RecordingChannel.Received::idempotencyKey)
                        .collect(Collectors.toSet()))
                .hasSize(SCHEDULES);
        assertThat(f.sql.count(t.tasks(), "task_name = 'report-fire'"))
                .as("one timer per daily schedule, none for the completed one-time ones")
                .isEqualTo(SCHEDULES - ONE_TIME);
        List<ScheduledReport> all = kit.reports()
                .list(alice, ScheduleQuery.all().withPage(PageRequest.of(0, 100)))
                .items();
        assertThat(all).hasSize(SCHEDULES);
        assertThat(all.stream().filter(s -> s.status() == ScheduleStatus.COMPLETED))
                .as("one-time schedules completed")
                .hasSize(ONE_TIME)
                .allSatisfy(s -> assertThat(s.nextRunAt()).isNull());
        assertThat(all.stream().filter(s -> s.status() == ScheduleStatus.ACTIVE))
                .hasSize(SCHEDULES - ONE_TIME)
                .allSatisfy(s -> assertThat(s.nextRunAt()).isEqualTo(DUE.plus(Duration.ofDays(1))));
    }

    @Test
    void aTimerPickedLateFiresBatchesOfDueSchedulesBeforeItsOwnReport() {
        start(10);
        kit.setTimeWithoutRunning(DUE.plusSeconds(30)); // every timer 30 s late: more than polling + 0.5 s
        kit.runDue();

        assertEachRanOnce();
        if (database == TestDatabase.H2) {
            assertThat(recordedAtStart.getFirst())
                    .as("H2 fires one by one: only the first timer's own run is recorded")
                    .isEqualTo(1L);
        } else {
            assertThat(recordedAtStart.getFirst())
                    .as("the first timer's own run, then batches of 10, 10 and 4 while they came back full, all"
                            + " recorded before that report started")
                    .isEqualTo((long) SCHEDULES);
        }
    }

    @Test
    void withBatchFiringOffEachTimerFiresOnlyItsOwnSchedule() {
        start(0);
        kit.setTimeWithoutRunning(DUE.plusSeconds(30));
        kit.runDue();

        assertEachRanOnce();
        assertThat(recordedAtStart.getFirst()).isEqualTo(1L);
    }

    @Test
    void aTimerPickedOnTimeRunsItsReportAloneWithoutABatch() {
        start(10);
        kit.advanceTo(DUE);

        assertEachRanOnce();
        assertThat(recordedAtStart.getFirst())
                .as("not behind: the first report starts with only its own run recorded")
                .isEqualTo(1L);
    }
}
