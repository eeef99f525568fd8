package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lists across schedules on each database: last-run status and list filters (issue 16 item 4), executions across
 * schedules (5), execution JSON fields (6), the audit log query and export (10), and the indexes that serve them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ListingsTest {

    static final Instant T0 = Instant.parse("2026-02-10T06:00:00Z");
    static final String DAILY_9_UTC = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";

    final Actor alice = Actor.of("acme", "alice");
    final Actor bob = Actor.of("acme", "bob");
    final Actor admin = Actor.of("acme", "root", Actor.ADMIN);
    final Actor otherAdmin = Actor.of("evil", "mallory", Actor.ADMIN);

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;

    @BeforeEach
    void start() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder().generationRetry(RetryPolicy.noRetries()), T0);
        reports = kit.reports();
        f.sales.hook(r -> {
            if ("south".equals(r.parameters().get("region"))) {
                throw new ReportsException(ErrorCategory.DATA, "no figures for south");
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
        f.close();
    }

    ScheduledReport create(Actor who, String name, String region) {
        return reports.create(
                who,
                ScheduleRequest.builder()
                        .name(name)
                        .reportType("sales")
                        .param("date_range", "last_7_days")
                        .param("region", region)
                        .schedule(DAILY_9_UTC)
                        .recipient("email", who.userId() + "@acme.test")
                        .build());
    }

    @Test
    void schedulesShowHowTheirRunsWentAndFilterAndSortOnIt() {
        ScheduledReport north = create(alice, "North sales", "north");
        ScheduledReport south = create(alice, "South Sales 100%", "south");
        ScheduledReport idle = create(alice, "a_idle", "north");
        reports.pause(alice, idle.id());
        assertThat(reports.get(alice, north.id()).lastRunStatus()).isNull();

        kit.advanceTo(Instant.parse("2026-02-12T09:00:00Z")); // three daily runs each

        ScheduledReport n = reports.get(alice, north.id());
        assertThat(n.lastRunStatus()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(n.consecutiveFailures()).isZero();
        assertThat(n.lastErrorCategory()).isNull();
        ScheduledReport s = reports.get(alice, south.id());
        assertThat(s.lastRunStatus()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(s.consecutiveFailures()).isEqualTo(3);
        assertThat(s.lastErrorCategory()).isEqualTo(ErrorCategory.DATA);

        assertThat(names(new ScheduleQuery(null, null, null, null, null, true, null)))
                .containsExactly("South Sales 100%");
        assertThat(names(new ScheduleQuery(null, null, null, null, "SALES", false, ScheduleQuery.Sort.NAME)))
                .containsExactly("North sales", "South Sales 100%");
        assertThat(names(new ScheduleQuery(null, null, null, null, "100%", false, null)))
                .as("%% is a character, not a wildcard")
                .containsExactly("South Sales 100%");
        assertThat(names(new ScheduleQuery(null, null, null, null, "_", false, null)))
                .as("_ is a character, not a wildcard")
                .containsExactly("a_idle");
        assertThat(names(new ScheduleQuery(null, null, null, null, null, false, ScheduleQuery.Sort.NAME)))
                .containsExactly("a_idle", "North sales", "South Sales 100%");
        assertThat(names(new ScheduleQuery(null, null, null, null, null, false, ScheduleQuery.Sort.NEXT_RUN_AT)))
                .as("paused (no next run) last")
                .endsWith("a_idle");
        assertThat(names(new ScheduleQuery(null, null, null, null, null, false, ScheduleQuery.Sort.LAST_RUN_AT)))
                .as("never ran last")
                .endsWith("a_idle");
        assertThat(reports.list(bob, new ScheduleQuery(null, null, null, null, null, true, null))
                        .items())
                .as("bob lists his own schedules only")
                .isEmpty();

        f.sales.hook(r -> {});
        kit.advanceTo(Instant.parse("2026-02-13T09:00:00Z"));
        assertThat(reports.get(alice, south.id()).consecutiveFailures())
                .as("a success ends the streak")
                .isZero();
        assertThat(names(new ScheduleQuery(null, null, null, null, null, true, null)))
                .isEmpty();
    }

    private List<String> names(ScheduleQuery q) {
        return reports.list(alice, q).items().stream()
                .map(ScheduledReport::name)
                .toList();
    }

    @Test
    void executionsAcrossSchedulesAreNewestFirstFilteredAndScopedByTenantAndOwner() {
        ScheduledReport a = create(alice, "A", "north");
        ScheduledReport b = create(bob, "B", "south");
        kit.advanceTo(Instant.parse("2026-02-11T09:00:00Z"));
        Execution manual = reports.runNow(alice, a.id());
        kit.runDue();

        Page<Execution> mine = reports.executions(alice, ExecutionQuery.all());
        assertThat(mine.total()).isEqualTo(3);
        assertThat(mine.items()).extracting(Execution::scheduleId).containsOnly(a.id());
        assertThat(mine.items().get(0).id()).as("newest first").isEqualTo(manual.id());
        List<Instant> created = mine.items().stream().map(Execution::createdAt).toList();
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        Page<Execution> all = reports.executions(admin, ExecutionQuery.all());
        assertThat(all.total()).as("an admin sees the tenant's").isEqualTo(5);
        assertThat(reports.executions(otherAdmin, ExecutionQuery.all()).total())
                .as("never another tenant's")
                .isZero();
        assertThat(reports.executions(
                                admin, new ExecutionQuery(ExecutionStatus.FAILED, null, null, null, null, null, null))
                        .items())
                .extracting(Execution::scheduleId)
                .containsOnly(b.id())
                .hasSize(2);
        assertThat(reports.executions(admin, new ExecutionQuery(null, Trigger.MANUAL, null, null, null, null, null))
                        .items())
                .extracting(Execution::id)
                .containsExactly(manual.id());
        assertThat(reports.executions(admin, new ExecutionQuery(null, null, b.id(), null, null, null, null))
                        .total())
                .isEqualTo(2);
        assertThat(reports.executions(admin, new ExecutionQuery(null, null, null, "sales", null, null, null))
                        .total())
                .isEqualTo(5);
        assertThat(reports.executions(admin, new ExecutionQuery(null, null, null, "other", null, null, null))
                        .total())
                .isZero();
        assertThat(reports.executions(
                                admin,
                                new ExecutionQuery(
                                        null, null, null, null, Instant.parse("2026-02-11T00:00:00Z"), null, null))
                        .total())
                .as("created from the 11th")
                .isEqualTo(3);
        Page<Execution> second =
                reports.executions(admin, new ExecutionQuery(null, null, null, null, null, null, PageRequest.of(1, 2)));
        assertThat(second.items()).hasSize(2);
        assertThat(second.items().get(0).id()).isEqualTo(all.items().get(2).id());
    }

    @Test
    void anExecutionCarriesItsFormatAndTheParametersResolvedWhenItWasCreated() {
        ScheduledReport a = create(alice, "A", "north");
        kit.advanceTo(Instant.parse("2026-02-11T09:00:00Z"));
        Execution run =
                reports.executions(alice, a.id(), PageRequest.first()).items().get(0);

        assertThat(run.outputFormat()).isEqualTo("csv");
        assertThat(run.reportParamsSnapshot())
                .containsEntry("region", "north")
                .containsEntry(
                        "date_range",
                        Map.of(
                                "start", "2026-02-04",
                                "end", "2026-02-10",
                                "end_exclusive", "2026-02-11",
                                "timezone", "UTC"));
        assertThat(reports.execution(alice, run.id()).reportParamsSnapshot()).isEqualTo(run.reportParamsSnapshot());
    }

    @Test
    void theAuditLogIsForAdminsOfTheTenantFilteredNewestFirstAndExportedWhole() {
        ScheduledReport a = create(alice, "A", "north");
        kit.advance(Duration.ofMinutes(1));
        reports.pause(alice, a.id());
        kit.advance(Duration.ofMinutes(1));
        reports.resume(admin, a.id());
        create(bob, "B", "north");
        reports.create(
                otherAdmin,
                ScheduleRequest.builder()
                        .name("E")
                        .reportType("sales")
                        .schedule(DAILY_9_UTC)
                        .build());

        Page<AuditEvent> ofA = reports.auditEvents(admin, new AuditQuery(a.id(), null, null, null, null, null));
        assertThat(ofA.items())
                .extracting(AuditEvent::action)
                .containsExactly(AuditAction.RESUME, AuditAction.PAUSE, AuditAction.CREATE);
        assertThat(ofA.items().get(1).actor()).isEqualTo("alice");
        assertThat(ofA.items().get(0).newValue()).contains("ACTIVE");
        assertThat(reports.auditEvents(admin, new AuditQuery(null, "alice", null, null, null, null))
                        .total())
                .isEqualTo(2);
        assertThat(reports.auditEvents(admin, new AuditQuery(null, null, AuditAction.CREATE, null, null, null))
                        .total())
                .as("not the other tenant's")
                .isEqualTo(2);
        assertThat(reports.auditEvents(
                                admin, new AuditQuery(null, null, null, T0.plus(Duration.ofSeconds(30)), null, null))
                        .items())
                .extracting(AuditEvent::action)
                .containsExactly(AuditAction.CREATE, AuditAction.RESUME, AuditAction.PAUSE);
        assertThat(reports.auditEvents(admin, new AuditQuery(null, null, null, null, null, PageRequest.of(1, 2)))
                        .items())
                .extracting(AuditEvent::action)
                .containsExactly(AuditAction.PAUSE, AuditAction.CREATE);
        assertThatThrownBy(() -> reports.auditEvents(alice, AuditQuery.all()))
                .isInstanceOf(ReportsAccessDeniedException.class);
        assertThatThrownBy(() -> reports.exportAuditEvents(alice, AuditQuery.all(), e -> {}))
                .isInstanceOf(ReportsAccessDeniedException.class);

        List<AuditEvent> exported = new ArrayList<>();
        assertThat(reports.exportAuditEvents(admin, AuditQuery.all(), exported::add))
                .isEqualTo(4);
        assertThat(exported).extracting(AuditEvent::tenantId).containsOnly("acme");
        assertThat(exported.get(0).action()).isEqualTo(AuditAction.CREATE);
        assertThat(exported.get(0).entityId()).isNotEqualTo(a.id());
    }

    /** The filters are served by indexes, not by reading the table (PostgreSQL's plan, on 20,000 rows per table). */
    @Test
    void postgresServesTheListsFromIndexes() {
        org.junit.jupiter.api.Assumptions.assumeTrue(database == TestDatabase.POSTGRESQL, "PostgreSQL only");
        var t = f.db.tables();
        Jdbi jdbi = Jdbi.create(f.db.dataSource());
        ScheduledReport a = create(alice, "A", "north");
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO " + t.auditEvents() + " (id, tenant_id, actor, action, entity_type, entity_id,"
                    + " occurred_at) SELECT md5(g::text), 't' || (g % 50), 'u' || (g % 200), 'UPDATE', 'schedule',"
                    + " md5((g % 1000)::text), now() - g * interval '1 second' FROM generate_series(1, 20000) g");
            h.execute(
                    "INSERT INTO " + t.executions() + " (id, tenant_id, schedule_id, scheduled_for, run_trigger,"
                            + " status, params_snapshot, output_format, attempt, created_at, updated_at) SELECT md5(g::text),"
                            + " 't' || (g % 50), ?, now() - g * interval '1 minute', 'SCHEDULED', 'SUCCEEDED', '{}', 'csv', 1,"
                            + " now() - g * interval '1 minute', now() FROM generate_series(1, 20000) g",
                    a.id());
            h.execute("ANALYZE " + t.auditEvents());
            h.execute("ANALYZE " + t.executions());
        });
        String actor = plan(
                jdbi,
                "SELECT * FROM " + t.auditEvents() + " WHERE tenant_id = 't7' AND actor = 'u7'"
                        + " ORDER BY occurred_at DESC, id DESC LIMIT 20");
        assertThat(actor).contains("ix_audit_tenant_actor").doesNotContain("Seq Scan");
        String all = plan(
                jdbi,
                "SELECT * FROM " + t.auditEvents() + " WHERE tenant_id = 't7'"
                        + " ORDER BY occurred_at DESC, id DESC LIMIT 20");
        assertThat(all).contains("ix_audit_tenant_time").doesNotContain("Seq Scan");
        String executions = plan(
                jdbi,
                "SELECT e.* FROM " + t.executions() + " e WHERE e.tenant_id = 't7'"
                        + " ORDER BY e.created_at DESC, e.id DESC LIMIT 20");
        assertThat(executions).contains("ix_re_tenant_created").doesNotContain("Seq Scan");
    }

    private static String plan(Jdbi jdbi, String sql) {
        List<String> lines = jdbi.withHandle(
                h -> h.createQuery("EXPLAIN " + sql).mapTo(String.class).list());
        return String.join("\n", lines);
    }
}
