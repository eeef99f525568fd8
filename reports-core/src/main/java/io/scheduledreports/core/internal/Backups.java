package io.scheduledreports.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.scheduledreports.core.backup.BackupArchive;
import io.scheduledreports.core.backup.BackupException;
import io.scheduledreports.core.backup.BackupException.Reason;
import io.scheduledreports.core.backup.BackupSettings;
import io.scheduledreports.core.backup.RestoreResult;
import io.scheduledreports.core.internal.BackupArchiveFormat.Column;
import io.scheduledreports.core.internal.BackupArchiveFormat.Type;
import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.Trigger;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of the library's tables into the artifact store, and restores into an empty schema of any supported
 * database. See {@link BackupArchiveFormat} for the content and {@link BackupCipher} for the encryption.
 *
 * <p>A backup reads every table in one repeatable-read transaction (a consistent snapshot on PostgreSQL, MariaDB
 * and H2), streams it through gzip and AES-GCM into the store, then reads the archive back: its SHA-256 must
 * match what was written and every segment must decrypt and every table's row count match. Only then is it
 * recorded as VERIFIED. A restore inserts everything in one transaction and re-creates the engine's timers and
 * queued work from the rows, so any failure leaves the target as it was.
 */
public final class Backups {

    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    /** Task name of the daily backup (a recurring task: one instance per cluster runs it). */
    public static final String TASK = "report-backup";

    /** Tables in an archive, parents before children (foreign keys), names without prefix. */
    static final List<String> TABLES = List.of(
            "scheduled_reports",
            "schedule_recipients",
            "report_executions",
            "report_deliveries",
            "dead_letters",
            "audit_events",
            "holiday_calendars",
            "recipient_opt_outs",
            "tenant_locks",
            "owner_summaries",
            "owner_summary_opt_outs",
            "attempt_failures",
            "backup_archives");

    /**
     * Tables deliberately left out: db-scheduler's task table (re-created from the rows on restore), the schema
     * history (the target has its own), and short-lived coordination state (tenant permit leases, rate-limit
     * windows and reservations, raised operations alerts, which are raised again when their condition still holds)
     * that means nothing on another database, and the daily disk samples, which describe the disk of the instances
     * that took them (a restored cluster starts its own; the target may already hold today's).
     */
    static final Set<String> NOT_BACKED_UP = Set.of(
            "report_scheduled_tasks",
            "reports_schema_version",
            "tenant_permits",
            "channel_rate_windows",
            "channel_rate_reservations",
            "ops_alerts",
            "disk_samples");

    /** Tables whose rows may already exist on a restore target (the target's own backups). */
    private static final Set<String> MAY_HAVE_ROWS = Set.of("backup_archives");

    private static final int BATCH = 1_000;
    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final EngineConfig config;
    private final Events events;
    private final BackupSettings settings;
    private final DataSource dataSource;
    private final TableNames tables;
    private final Dialect dialect;
    private final ArtifactStore store;

    /**
     * Backups of an engine's tables.
     *
     * @param engine the engine
     * @param settings key, daily task and retention, or null when backups are not configured (restore still works,
     *     with the key given to it)
     */
    public Backups(Engine engine, BackupSettings settings) {
        this.config = engine.config;
        this.events = engine.events;
        this.settings = settings;
        this.dataSource = config.dataSource();
        this.tables = config.tables();
        this.dialect = config.dialect();
        this.store = config.artifactStore();
    }

    /** The daily task, when configured, to register as a start task of the engine. */
    public java.util.Optional<RecurringTask<Void>> dailyTask() {
        if (settings == null || !settings.isDaily()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Tasks.recurring(TASK, Schedules.daily(ZoneOffset.UTC, settings.time()))
                .execute((instance, ctx) -> {
                    try {
                        backup(false);
                    } catch (BackupException e) {
                        // logged, recorded and published by backup(); the task runs again tomorrow
                    }
                }));
    }

    /** Removes the daily task's row when the daily backup is off (a left-over row would warn as unknown task). */
    public void removeDailyTaskIfOff() {
        if (settings != null && settings.isDaily()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM " + tables.tasks() + " WHERE task_name = ? AND picked = ?")) {
            c.setAutoCommit(true);
            ps.setString(1, TASK);
            ps.setBoolean(2, false);
            if (ps.executeUpdate() > 0) {
                LOG.info("Daily backup is off; removed its task");
            }
        } catch (SQLException e) {
            LOG.warn("Could not remove the daily backup task: {}", e.toString());
        }
    }

    private byte[] configuredKey() {
        if (settings == null) {
            throw new BackupException(
                    Reason.NOT_CONFIGURED,
                    "backup: no key configured; set ScheduledReports.builder().backup(BackupSettings.withKey(...))"
                            + " (Spring Boot: scheduled-reports.backup.key)");
        }
        return settings.key();
    }

    // ------------------------------------------------------------------------------------------------ backup

    /**
     * Writes, verifies and records an archive, then applies retention.
     *
     * @param manual whether an operator asked for it
     * @return the verified archive
     * @throws BackupException NOT_CONFIGURED without a key, FAILED (recorded, logged, published) otherwise
     */
    public BackupArchive backup(boolean manual) {
        byte[] key = configuredKey();
        Instant started = config.clock().instant();
        String id = UUID.randomUUID().toString();
        String archiveKey = "backups/backup-" + KEY_TIME.format(started) + "-" + id.substring(0, 8) + ".srbk";
        int schemaVersion = schemaVersion();
        long rows = 0;
        boolean written = false;
        try {
            Written w = write(archiveKey, key, started, schemaVersion);
            written = true;
            verify(archiveKey, key, w);
            rows = w.rows();
            BackupArchive archive = new BackupArchive(
                    id,
                    archiveKey,
                    BackupArchive.Status.VERIFIED,
                    manual,
                    schemaVersion,
                    rows,
                    w.size(),
                    w.sha256(),
                    null,
                    started,
                    config.clock().instant());
            record(archive);
            LOG.info(
                    "Backup {} written and verified: {} rows, {} bytes, sha256 {}",
                    archiveKey,
                    rows,
                    w.size(),
                    w.sha256());
            retentionAfterBackup();
            return archive;
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("Backup {} failed: {}", archiveKey, message, e);
            if (written) {
                try {
                    store.delete(archiveKey);
                } catch (IOException | RuntimeException ignored) {
                    LOG.warn("Could not delete the failed backup archive {}", archiveKey);
                }
            }
            try {
                record(new BackupArchive(
                        id,
                        archiveKey,
                        BackupArchive.Status.FAILED,
                        manual,
                        schemaVersion,
                        0,
                        0,
                        null,
                        Text.clip(message, 2000),
                        started,
                        config.clock().instant()));
            } catch (RuntimeException r) {
                LOG.error("Could not record the failed backup {}: {}", archiveKey, r.toString());
            }
            events.publish(l -> l.backupFailed(archiveKey, message));
            retentionAfterBackup(); // also while backups fail: the newest verified archive is always kept
            throw new BackupException(Reason.FAILED, "backup failed: " + message, e);
        }
    }

    private record Written(long rows, long size, String sha256) {}

    private Written write(String archiveKey, byte[] key, Instant started, int schemaVersion)
            throws IOException, SQLException {
        try (ArtifactOutput out = store.create(archiveKey);
                Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            CountingDigestStream counted = new CountingDigestStream(out);
            long rows;
            try {
                OutputStream encrypted = BackupCipher.encrypt(counted, key);
                GZIPOutputStream gzip = new GZIPOutputStream(encrypted, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                try (JsonGenerator g = BackupArchiveFormat.generator(gzip)) {
                    rows = writeContent(c, g, started, schemaVersion);
                }
            } finally {
                c.rollback(); // read-only; ends the snapshot
                c.setTransactionIsolation(isolation); // the pool's connection as it was lent
                c.setAutoCommit(autoCommit);
            }
            counted.close();
            out.commit();
            return new Written(rows, counted.count(), counted.sha256Hex());
        }
    }

    private long writeContent(Connection c, JsonGenerator g, Instant started, int schemaVersion)
            throws IOException, SQLException {
        g.writeStartObject();
        g.writeStringField("format", BackupArchiveFormat.FORMAT);
        g.writeNumberField("format_version", BackupArchiveFormat.CONTENT_VERSION);
        g.writeNumberField("schema_version", schemaVersion);
        g.writeStringField("created_at", started.toString());
        g.writeStringField("source_database", dialect.name());
        g.writeEndObject();
        long total = 0;
        for (String table : TABLES) {
            try (Statement s = c.createStatement()) {
                s.setFetchSize(BATCH);
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + tables.prefix() + table)) {
                    List<Column> columns = columns(table, rs.getMetaData());
                    g.writeStartObject();
                    g.writeStringField("table", table);
                    g.writeArrayFieldStart("columns");
                    for (Column col : columns) {
                        g.writeStartArray();
                        g.writeString(col.name());
                        g.writeString(col.type().id());
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    long rows = 0;
                    while (rs.next()) {
                        g.writeStartArray();
                        for (int i = 0; i < columns.size(); i++) {
                            BackupArchiveFormat.writeValue(g, columns.get(i).type(), get(rs, i + 1, columns.get(i)));
                        }
                        g.writeEndArray();
                        rows++;
                    }
                    g.writeStartObject();
                    g.writeStringField("end", table);
                    g.writeNumberField("rows", rows);
                    g.writeEndObject();
                    total += rows;
                }
            }
        }
        g.writeStartObject();
        g.writeBooleanField("end_of_archive", true);
        g.writeNumberField("tables", TABLES.size());
        g.writeNumberField("rows", total);
        g.writeEndObject();
        return total;
    }

    private static List<Column> columns(String table, ResultSetMetaData md) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
            columns.add(new Column(name, typeOf(table, name, md.getColumnType(i))));
        }
        return columns;
    }

    private static Type typeOf(String table, String column, int sqlType) {
        return switch (sqlType) {
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.CLOB,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.NCLOB -> Type.STRING;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Type.INTEGER;
            case Types.BOOLEAN, Types.BIT -> Type.BOOLEAN;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Type.INSTANT;
            case Types.DATE -> Type.DATE;
            case Types.DECIMAL, Types.NUMERIC -> Type.DECIMAL;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Type.BYTES;
            default ->
                throw new IllegalStateException("backup: column " + table + "." + column + " has SQL type " + sqlType
                        + ", which has no portable" + " form; add it to BackupArchiveFormat.Type");
        };
    }

    private Object get(ResultSet rs, int i, Column col) throws SQLException {
        Object v = switch (col.type()) {
            case STRING -> rs.getString(i);
            case INTEGER -> rs.getLong(i);
            case BOOLEAN -> rs.getBoolean(i);
            case DECIMAL -> rs.getBigDecimal(i);
            case BYTES -> rs.getBytes(i);
            case DATE -> rs.getObject(i, java.time.LocalDate.class);
            case INSTANT -> {
                if (dialect.storesLocalTimestamps()) {
                    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                    yield t == null ? null : t.toInstant(ZoneOffset.UTC);
                }
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
        };
        return rs.wasNull() ? null : v;
    }

    /** Reads the archive back: same size and SHA-256, every segment authentic, every row count right. */
    private void verify(String archiveKey, byte[] key, Written w) throws Exception {
        MessageDigest sha = sha256();
        long[] size = {0};
        long rows;
        try (InputStream raw = store.open(archiveKey);
                InputStream counted = new java.io.FilterInputStream(new DigestInputStream(raw, sha)) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            size[0]++;
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            size[0] += n;
                        }
                        return n;
                    }
                }) {
            InputStream plain =
                    new GZIPInputStream(BackupCipher.decrypt(new BufferedInputStream(counted), key), 1 << 16);
            rows = BackupArchiveFormat.read(plain, new NoOpVisitor());
            counted.transferTo(OutputStream.nullOutputStream());
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (size[0] != w.size() || !digest.equals(w.sha256())) {
            throw new IllegalStateException("verification: the store returned " + size[0] + " bytes with sha256 "
                    + digest + ", written were " + w.size() + " bytes with sha256 " + w.sha256());
        }
        if (rows != w.rows()) {
            throw new IllegalStateException("verification: read back " + rows + " rows, written were " + w.rows());
        }
    }

    private static final class NoOpVisitor implements BackupArchiveFormat.Visitor {
        @Override
        public void header(JsonNode header) {}

        @Override
        public void table(String name, List<Column> columns) {}

        @Override
        public void row(Object[] values) {}

        @Override
        public void tableEnd(String name, long rows) {}
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private int schemaVersion() {
        List<Integer> applied = ReportsSchema.of(dataSource, tables).appliedVersions();
        return applied.isEmpty() ? 0 : Collections.max(applied);
    }

    private String archives() {
        return tables.prefix() + "backup_archives";
    }

    private void record(BackupArchive a) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + archives()
                        + " (id, archive_key, status, run_trigger, schema_version, row_count, size_bytes, sha256,"
                        + " error_message, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(true);
            ps.setString(1, a.id());
            ps.setString(2, a.archiveKey());
            ps.setString(3, a.status().name());
            ps.setString(4, a.manual() ? "MANUAL" : "SCHEDULED");
            ps.setInt(5, a.schemaVersion());
            ps.setLong(6, a.rows());
            ps.setLong(7, a.sizeBytes());
            ps.setString(8, a.sha256());
            ps.setString(9, a.error());
            setInstant(ps, 10, a.startedAt());
            setInstant(ps, 11, a.finishedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record backup " + a.archiveKey() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The recorded backups, newest first.
     *
     * @param limit at most this many
     */
    public List<BackupArchive> list(int limit) {
        List<BackupArchive> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, archive_key, status, run_trigger,"
                        + " schema_version, row_count, size_bytes, sha256, error_message, started_at, finished_at"
                        + " FROM " + archives() + " ORDER BY started_at DESC, id")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new BackupArchive(
                            rs.getString(1),
                            rs.getString(2),
                            BackupArchive.Status.valueOf(rs.getString(3)),
                            "MANUAL".equals(rs.getString(4)),
                            rs.getInt(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getString(8),
                            rs.getString(9),
                            instant(rs, 10),
                            instant(rs, 11)));
                }
            }
        } catch (SQLException e) {
            throw new BackupException(Reason.FAILED, "cannot list backups: " + e.getMessage(), e);
        }
        return result;
    }

    private void retentionAfterBackup() {
        try {
            applyRetention();
        } catch (RuntimeException e) {
            LOG.warn("Backup retention failed (the next backup tries again): {}", e.toString());
        }
    }

    /**
     * Deletes archives started before now minus the retention (file first, then row), except the newest verified
     * archive, which is kept whatever its age: retention never leaves an installation without a backup.
     *
     * @return archives deleted
     */
    public int applyRetention() {
        Instant cutoff = config.clock().instant().minus(settings.retention());
        List<BackupArchive> all = list(Integer.MAX_VALUE);
        String newestVerified = all.stream()
                .filter(a -> a.status() == BackupArchive.Status.VERIFIED)
                .map(BackupArchive::id)
                .findFirst()
                .orElse(null);
        int deleted = 0;
        for (BackupArchive a : all) {
            if (!a.startedAt().isBefore(cutoff) || a.id().equals(newestVerified)) {
                continue;
            }
            try {
                if (a.status() == BackupArchive.Status.VERIFIED) {
                    store.delete(a.archiveKey());
                }
                try (Connection c = dataSource.getConnection();
                        PreparedStatement ps = c.prepareStatement("DELETE FROM " + archives() + " WHERE id = ?")) {
                    c.setAutoCommit(true);
                    ps.setString(1, a.id());
                    ps.executeUpdate();
                }
                deleted++;
            } catch (IOException | SQLException | RuntimeException e) {
                LOG.warn(
                        "Could not delete expired backup {} (next backup tries again): {}",
                        a.archiveKey(),
                        e.toString());
            }
        }
        if (deleted > 0) {
            LOG.info("Deleted {} backup(s) older than {}", deleted, settings.retention());
        }
        return deleted;
    }

    // ------------------------------------------------------------------------------------------------ restore

    /** Opens an archive in the artifact store. */
    public InputStream open(String archiveKey) throws IOException {
        if (archiveKey == null || !archiveKey.startsWith("backups/")) {
            throw new io.scheduledreports.spi.ReportsValidationException(
                    "archiveKey", "must be the key of a backup (backups/...), was '" + archiveKey + "'");
        }
        return store.open(archiveKey);
    }

    /**
     * Restores an archive into this schema, which must be empty.
     *
     * @param archive the archive's bytes (closed by the caller)
     * @param base64Key the key it was written with
     * @return what was loaded
     * @throws BackupException WRONG_KEY, DAMAGED, NOT_AN_ARCHIVE, TOO_NEW, TARGET_NOT_EMPTY or FAILED; in every
     *     case nothing was written
     */
    public RestoreResult restore(InputStream archive, String base64Key) {
        java.util.Objects.requireNonNull(archive, "archive");
        byte[] key;
        try {
            key = BackupSettings.decodeKey(base64Key);
        } catch (IllegalArgumentException e) {
            throw new BackupException(Reason.WRONG_KEY, e.getMessage().replace("backup.key", "key"));
        }
        ReportsSchema.of(dataSource, tables).migrate();
        int targetVersion = schemaVersion();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                RestoreResult result = load(c, archive, key, targetVersion);
                c.commit();
                LOG.info(
                        "Restored {} rows (schema version {}, written {} on {}); armed {} timers, queued {}"
                                + " generations and {} deliveries",
                        result.rows(),
                        result.schemaVersion(),
                        result.archiveCreatedAt(),
                        result.sourceDatabase(),
                        result.timersArmed(),
                        result.generationsQueued(),
                        result.deliveriesQueued());
                return result;
            } catch (Exception e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (BackupException e) {
            throw e;
        } catch (Exception e) {
            throw new BackupException(Reason.FAILED, "restore failed, nothing was written: " + e.getMessage(), e);
        }
    }

    private RestoreResult load(Connection c, InputStream archive, byte[] key, int targetVersion) throws Exception {
        checkEmpty(c);
        InputStream plain =
                new GZIPInputStream(BackupCipher.decrypt(new BufferedInputStream(archive, 1 << 16), key), 1 << 16);
        Loader loader = new Loader(c, targetVersion);
        try {
            BackupArchiveFormat.read(plain, loader);
        } catch (java.util.zip.ZipException e) {
            throw BackupArchiveFormat.damaged("its compressed content is corrupt (" + e.getMessage() + ")");
        } finally {
            loader.closeStatement();
        }
        if (!loader.rows.keySet().containsAll(TABLES.subList(0, 4))) {
            throw BackupArchiveFormat.damaged("it lacks tables " + TABLES.subList(0, 4));
        }
        Instant now = config.clock().instant();
        long timers = update(
                c,
                "INSERT INTO " + tables.tasks()
                        + " (task_name, task_instance, task_data, execution_time, picked, version, priority)"
                        + " SELECT ?, id, NULL, next_run_at, ?, 1, ? FROM " + tables.schedules()
                        + " WHERE status = 'ACTIVE' AND next_run_at IS NOT NULL",
                Engine.FIRE,
                false,
                Priority.HIGH);
        long generations = 0;
        for (Trigger trigger : Trigger.values()) {
            generations += update(
                    c,
                    "INSERT INTO " + tables.tasks()
                            + " (task_name, task_instance, task_data, execution_time, picked, version, priority)"
                            + " SELECT ?, id, NULL, ?, ?, 1, ? FROM " + tables.executions()
                            + " WHERE status IN ('QUEUED', 'RETRYING', 'RUNNING') AND run_trigger = ?",
                    Engine.GENERATE,
                    now,
                    false,
                    Engine.generationPriority(trigger),
                    trigger.name());
        }
        long deliveries = update(
                c,
                "INSERT INTO " + tables.tasks()
                        + " (task_name, task_instance, task_data, execution_time, picked, version, priority)"
                        + " SELECT ?, id, NULL, ?, ?, 1, ? FROM " + tables.deliveries()
                        + " WHERE status IN ('PENDING', 'SENDING')",
                Engine.DELIVER,
                now,
                false,
                Engine.DELIVERY_PRIORITY);
        return new RestoreResult(
                loader.archiveVersion,
                loader.createdAt,
                loader.source,
                Collections.unmodifiableMap(loader.rows),
                timers,
                generations,
                deliveries);
    }

    private long update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof Instant t) {
                    setInstant(ps, i + 1, t);
                } else if (a instanceof Boolean b) {
                    ps.setBoolean(i + 1, b);
                } else if (a instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) a);
                }
            }
            return ps.executeUpdate();
        }
    }

    private void checkEmpty(Connection c) throws SQLException {
        List<String> withRows = new ArrayList<>();
        for (String table : TABLES) {
            if (!MAY_HAVE_ROWS.contains(table) && hasRows(c, "SELECT 1 FROM " + tables.prefix() + table)) {
                withRows.add(tables.prefix() + table);
            }
        }
        if (hasRows(
                c,
                "SELECT 1 FROM " + tables.tasks() + " WHERE task_name IN ('" + Engine.FIRE + "', '" + Engine.GENERATE
                        + "', '" + Engine.DELIVER + "', '" + Engine.NOTIFY + "')")) {
            withRows.add(tables.tasks());
        }
        if (!withRows.isEmpty()) {
            throw new BackupException(
                    Reason.TARGET_NOT_EMPTY,
                    "restore: the target schema (table prefix '" + tables.prefix() + "') is not empty: " + withRows
                            + " have rows; restore into a new database or table prefix, nothing was written");
        }
    }

    private static boolean hasRows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery(sql)) {
                return rs.next();
            }
        }
    }

    /** Inserts the rows of each table as they are read, in batches. */
    private final class Loader implements BackupArchiveFormat.Visitor {
        private final Connection c;
        private final int targetVersion;
        final Map<String, Long> rows = new LinkedHashMap<>();
        int archiveVersion;
        Instant createdAt;
        String source;
        private PreparedStatement insert;
        private List<Column> columns;
        private String table;
        private int pending;

        Loader(Connection c, int targetVersion) {
            this.c = c;
            this.targetVersion = targetVersion;
        }

        @Override
        public void header(JsonNode header) {
            archiveVersion = header.path("schema_version").asInt();
            createdAt = Instant.parse(header.path("created_at").asText());
            source = header.path("source_database").asText();
            if (archiveVersion > targetVersion) {
                throw new BackupException(
                        Reason.TOO_NEW,
                        "archive: written at schema version " + archiveVersion + ", this library's schema is at "
                                + targetVersion + "; restore with the library version that wrote it (or newer)");
            }
        }

        @Override
        public void table(String name, List<Column> cols) throws SQLException {
            if (!TABLES.contains(name)) {
                throw new BackupException(
                        Reason.TOO_NEW,
                        "archive: table '" + name + "' is unknown to this library version; restore with the"
                                + " version that wrote the archive (or newer)");
            }
            String target = tables.prefix() + name;
            Set<String> known = new java.util.HashSet<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM " + target + " WHERE 1 = 0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    known.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
            }
            StringBuilder names = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (Column col : cols) {
                if (!known.contains(col.name()) || !col.name().matches("[a-z0-9_]+")) {
                    throw new BackupException(
                            Reason.TOO_NEW,
                            "archive: column " + name + "." + col.name() + " is unknown to this schema (version "
                                    + targetVersion + "); restore with the library version that wrote the archive");
                }
                names.append(names.isEmpty() ? "" : ", ").append(col.name());
                marks.append(marks.isEmpty() ? "?" : ", ?");
            }
            table = name;
            columns = cols;
            insert = c.prepareStatement("INSERT INTO " + target + " (" + names + ") VALUES (" + marks + ")");
        }

        @Override
        public void row(Object[] values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                set(insert, i + 1, columns.get(i).type(), values[i]);
            }
            insert.addBatch();
            if (++pending == BATCH) {
                flush();
            }
        }

        private void flush() throws SQLException {
            if (pending > 0) {
                try {
                    insert.executeBatch();
                } catch (SQLException e) {
                    SQLException next = e.getNextException();
                    throw new SQLException(
                            "table " + table + ": " + e.getMessage()
                                    + (next == null ? "" : " (" + next.getMessage() + ")"),
                            e);
                }
                pending = 0;
            }
        }

        @Override
        public void tableEnd(String name, long count) throws SQLException {
            flush();
            closeStatement();
            rows.put(name, count);
        }

        void closeStatement() throws SQLException {
            if (insert != null) {
                insert.close();
                insert = null;
            }
        }
    }

    private void set(PreparedStatement ps, int i, Type type, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(
                    i,
                    switch (type) {
                        case STRING -> Types.VARCHAR;
                        case INTEGER -> Types.BIGINT;
                        case BOOLEAN -> Types.BOOLEAN;
                        case INSTANT ->
                            dialect.storesLocalTimestamps() ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE;
                        case DECIMAL -> Types.DECIMAL;
                        case BYTES -> Types.VARBINARY;
                        case DATE -> Types.DATE;
                    });
            return;
        }
        switch (type) {
            case STRING -> ps.setString(i, (String) v);
            case INTEGER -> ps.setLong(i, (Long) v);
            case BOOLEAN -> ps.setBoolean(i, (Boolean) v);
            case INSTANT -> setInstant(ps, i, (Instant) v);
            case DECIMAL -> ps.setBigDecimal(i, new BigDecimal((String) v));
            case BYTES -> ps.setBytes(i, (byte[]) v);
            case DATE -> ps.setObject(i, (java.time.LocalDate) v);
        }
    }

    private void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, dialect.storesLocalTimestamps() ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
        } else if (dialect.storesLocalTimestamps()) {
            ps.setObject(i, LocalDateTime.ofInstant(v.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        } else {
            ps.setObject(i, v.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        }
    }

    private Instant instant(ResultSet rs, int i) throws SQLException {
        if (dialect.storesLocalTimestamps()) {
            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
