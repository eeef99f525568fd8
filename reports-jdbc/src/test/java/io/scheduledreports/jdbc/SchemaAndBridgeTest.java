package io.scheduledreports.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.scheduledreports.jdbc.internal.ReportsJdbi;
import io.scheduledreports.jdbc.internal.TransactionBoundDataSource;
import io.scheduledreports.jdbc.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SchemaAndBridgeTest {

    @Parameter
    TestDatabase database;

    TestDatabase.Instance db;

    @BeforeEach
    void open() {
        db = database.open(6);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void migratesOnceAndIsIdempotent() {
        ReportsSchema schema = ReportsSchema.of(db.dataSource(), db.tables());
        assertThat(schema.migrate()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(schema.migrate()).isEmpty();
        assertThat(schema.appliedVersions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void tasksHaveTheIndexDbSchedulerPollsBy() throws Exception {
        ReportsSchema.of(db.dataSource(), db.tables()).migrate();
        List<String> indexes = new ArrayList<>();
        try (var c = db.dataSource().getConnection()) {
            var meta = c.getMetaData();
            String table = db.tables().tasks();
            for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
                try (var rs = meta.getIndexInfo(c.getCatalog(), null, name, false, false)) {
                    while (rs.next()) {
                        String index = rs.getString("INDEX_NAME");
                        if (index != null) {
                            indexes.add(index.toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
        }
        String prefix = db.tables().prefix().toLowerCase(java.util.Locale.ROOT);
        assertThat(indexes).doesNotContain(prefix + "ix_tasks_priority").contains(prefix + "ix_tasks_execution_time");
        if (Dialect.detect(db.dataSource()) == Dialect.MARIADB) {
            // V14: MariaDB walked the (priority, execution_time) index past every future timer on each poll
            assertThat(indexes).doesNotContain(prefix + "ix_tasks_due");
        } else {
            assertThat(indexes).contains(prefix + "ix_tasks_due");
        }
    }

    @Test
    void concurrentStartsMigrateExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                var other = db.newPool(2);
                Callable<List<Integer>> migrate = () -> {
                    try (other) {
                        return ReportsSchema.of(other, db.tables()).migrate();
                    }
                };
                results.add(pool.submit(migrate));
            }
            List<Integer> applied = new ArrayList<>();
            for (Future<List<Integer>> f : results) {
                applied.addAll(f.get());
            }
            assertThat(applied).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storesInstantsExactlyWhateverTheJvmZone() {
        ReportsSchema.of(db.dataSource(), db.tables()).migrate();
        Jdbi jdbi = ReportsJdbi.create(db.dataSource(), Dialect.detect(db.dataSource()));
        Instant at = Instant.parse("2026-03-29T01:30:00.123456Z");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO " + db.tables().auditEvents()
                        + " (id, tenant_id, actor, action, entity_type, entity_id, occurred_at)"
                        + " VALUES ('a1', 't', 'u', 'CREATE', 'schedule', 's1', :at)")
                .bind("at", at)
                .execute());
        Instant read = jdbi.withHandle(
                h -> h.createQuery("SELECT occurred_at FROM " + db.tables().auditEvents() + " WHERE id = 'a1'")
                        .mapTo(Instant.class)
                        .one());
        assertThat(read).isEqualTo(at);
    }

    @Test
    void taskRowsCommitAndRollBackWithTheDomainTransaction() {
        ReportsSchema.of(db.dataSource(), db.tables()).migrate();
        Jdbi jdbi = ReportsJdbi.create(db.dataSource(), Dialect.detect(db.dataSource()));
        TransactionBoundDataSource bridge = new TransactionBoundDataSource(db.dataSource());
        OneTimeTask<Void> task = Tasks.oneTime("probe").execute((inst, ctx) -> {});
        SchedulerClient client = SchedulerClient.Builder.create(bridge, task)
                .tableName(db.tables().tasks())
                .build();

        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
                    try (var binding = bridge.bind(h.getConnection())) {
                        insertAudit(h, "rolled-back");
                        client.scheduleIfNotExists(new TaskInstance<>("probe", "rolled-back"), Instant.now());
                        throw new IllegalStateException("boom");
                    }
                }))
                .hasMessage("boom");
        jdbi.useTransaction(h -> {
            try (var binding = bridge.bind(h.getConnection())) {
                insertAudit(h, "committed");
                client.scheduleIfNotExists(new TaskInstance<>("probe", "committed"), Instant.now());
            }
        });

        assertThat(bridge.isBound()).isFalse();
        List<String> tasks = jdbi.withHandle(
                h -> h.createQuery("SELECT task_instance FROM " + db.tables().tasks())
                        .mapTo(String.class)
                        .list());
        List<String> audits = jdbi.withHandle(
                h -> h.createQuery("SELECT entity_id FROM " + db.tables().auditEvents())
                        .mapTo(String.class)
                        .list());
        assertThat(tasks).containsExactly("committed");
        assertThat(audits).containsExactly("committed");
    }

    private void insertAudit(org.jdbi.v3.core.Handle h, String id) {
        h.createUpdate("INSERT INTO " + db.tables().auditEvents()
                        + " (id, tenant_id, actor, action, entity_type, entity_id, occurred_at)"
                        + " VALUES (:id, 't', 'u', 'CREATE', 'schedule', :id, :at)")
                .bind("id", id)
                .bind("at", Instant.now())
                .execute();
    }

    @Test
    void rejectsAMalformedPrefix() {
        assertThatThrownBy(() -> new TableNames("rpt-"))
                .hasMessage("tablePrefix: must be at most 20 of [A-Za-z0-9_], was 'rpt-'");
    }
}
