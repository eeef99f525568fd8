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
    /** Runs skipped by their overlap policy, as the listeners were told. */
    final List<ExecutionEvent> skipped = new CopyOnWriteArrayList<>();

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
        start(batchFiringSize, null);
    }

    /** As {@link #start(int)}; {@code statements}, when given, collects the text of every statement prepared. */
    private void start(int batchFiringSize, List<String> statements) {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(
                f.builder(statements == null ? f.db.dataSource() : recording(f.db.dataSource(), statements))
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

                            @Override
                            public void executionSkipped(ExecutionEvent event) {
                                skipped.add(event);
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

    /** The schedules (daily ones) that get a manual run queued before they fall due. */
    private static boolean withManualRun(int i) {
        return i % 5 == 2;
    }

    @Test
    void aScheduleWhosePreviousRunIsStillQueuedIsRecordedSkippedInABatch() {
        start(10);
        List<ScheduledReport> all = kit.reports()
                .list(alice, ScheduleQuery.all().withPage(PageRequest.of(0, 100)))
                .items();
        java.util.Map<String, String> manualRuns = new java.util.HashMap<>();
        for (ScheduledReport s : all) {
            int i = Integer.parseInt(s.name().substring("report ".length()));
            if (withManualRun(i)) {
                assertThat(s.overlapPolicy()).as("the default").isEqualTo(OverlapPolicy.SKIP);
                manualRuns.put(s.id(), kit.reports().runNow(alice, s.id()).id());
            }
        }
        assertThat(manualRuns).hasSize(5);
        kit.setTimeWithoutRunning(DUE.plusSeconds(30)); // the manual runs are still QUEUED: timers go first
        kit.runDue();

        var t = f.db.tables();
        if (database != TestDatabase.H2) {
            assertThat(recordedAtStart.getFirst())
                    .as("5 manual runs and every scheduled run (the skipped ones too) recorded by the first timer's"
                            + " firing and its batches before the first report started")
                    .isEqualTo((long) SCHEDULES + manualRuns.size());
        }
        for (ScheduledReport s : all) {
            List<Execution> runs =
                    kit.reports().executions(alice, s.id(), PageRequest.first()).items();
            Execution scheduled = runs.stream()
                    .filter(e -> e.trigger() == io.scheduledreports.spi.Trigger.SCHEDULED)
                    .collect(Collectors.toList())
                    .getFirst();
            assertThat(scheduled.scheduledFor()).isEqualTo(DUE);
            String manual = manualRuns.get(s.id());
            if (manual == null) {
                assertThat(runs).as(s.name()).singleElement().isEqualTo(scheduled);
                assertThat(scheduled.status()).as(s.name()).isEqualTo(ExecutionStatus.SUCCEEDED);
            } else {
                assertThat(runs).as(s.name()).hasSize(2);
                assertThat(scheduled.status()).as(s.name()).isEqualTo(ExecutionStatus.SKIPPED);
                assertThat(kit.reports().execution(alice, scheduled.id()).errorMessage())
                        .as(s.name())
                        .contains("previous run", manual);
                assertThat(kit.reports().execution(alice, manual).status())
                        .as(s.name() + ": the manual run itself ran")
                        .isEqualTo(ExecutionStatus.SUCCEEDED);
            }
        }
        assertThat(skipped)
                .as("one skipped event per schedule with a queued manual run, naming that run")
                .hasSize(manualRuns.size())
                .allSatisfy(e -> assertThat(e.error()).contains(manualRuns.get(e.scheduleId())));
        assertThat(f.sql.count(t.executions(), "status = 'SKIPPED'")).isEqualTo(manualRuns.size());
        assertThat(f.sales.generations)
                .as("the 20 scheduled runs and the 5 manual ones, never a skipped one")
                .hasValue(SCHEDULES);
    }

    @Test
    void aBatchLooksUpThePreviousRunsOfAllItsSchedulesInOneStatement() {
        List<String> statements = new CopyOnWriteArrayList<>();
        start(10, statements);
        kit.setTimeWithoutRunning(DUE.plusSeconds(30));
        statements.clear();
        kit.runDue();

        assertEachRanOnce();
        String active = "status IN ('QUEUED', 'RUNNING', 'RETRYING')";
        long perSchedule = statements.stream()
                .filter(q -> q.contains(active) && q.contains("schedule_id = ?"))
                .count();
        long perBatch = statements.stream()
                .filter(q -> q.contains(active) && q.contains("schedule_id IN ("))
                .count();
        if (database == TestDatabase.H2) {
            assertThat(perSchedule)
                    .as("H2 fires one by one, each firing looks up its own")
                    .isEqualTo(SCHEDULES);
            assertThat(perBatch).isZero();
        } else {
            assertThat(perSchedule)
                    .as("only the first timer's own firing looks up its schedule's previous run")
                    .isEqualTo(1);
            assertThat(perBatch)
                    .as("one lookup per batch (10, 10 and 4 schedules)")
                    .isEqualTo(3);
        }
    }

    /**
     * A data source whose connections add the text of every statement they prepare to {@code statements}
     * (whitespace collapsed), and otherwise do what {@code target}'s do.
     */
    private static javax.sql.DataSource recording(javax.sql.DataSource target, List<String> statements) {
        ClassLoader loader = BatchFiringTest.class.getClassLoader();
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                loader, new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    java.sql.Connection connection = (java.sql.Connection) result;
                    return java.lang.reflect.Proxy.newProxyInstance(
                            loader, new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                                if ((m.getName().equals("prepareStatement")
                                                || m.getName().equals("prepareCall"))
                                        && a != null
                                        && a.length > 0
                                        && a[0] instanceof String sql) {
                                    statements.add(sql.strip().replaceAll("\\s+", " "));
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
