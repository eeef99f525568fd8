package io.scheduledreports.reliability;

import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.delivery.email.internal.MessageIds;
import io.scheduledreports.spi.ArtifactStore;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Scenario 7: backup and restore. Two instances run schedules that fire every minute (every 10 s in the short
 * variant); while they run, our tables are dumped with the database's own tool ({@code pg_dump}, or
 * {@code mariadb-dump --single-transaction}), then the artifact directory is copied (after the dump: every file
 * the dump refers to is then in the copy). The original instances are killed (the site is lost), the dump is
 * restored into a fresh database ({@code reports_restore_<random>}, dropped at the end) and an instance starts on
 * it with the copied files.
 *
 * <p>Checks: the restored engine resumes every schedule from the dumped {@code next_run_at} (its first new slot is
 * exactly that time); no slot the dump holds runs again; no e-mail the dump records as sent is sent again (same
 * {@code Message-ID} counted once); every dumped delivery that was not yet sent is sent, with its dumped key; every
 * file the restored tables refer to opens and matches its recorded SHA-256. Work done after the dump (slots fired
 * between the dump and the loss of the site) is done again after the restore, under new keys: a restore goes back
 * to the dump's point in time. That count is reported, not failed.
 *
 * <p>With {@code --store=s3} the instances keep their files in the S3 store ({@code S3ArtifactStore}) on an
 * S3Proxy that the runner starts on loopback (buckets under a temporary directory): bucket {@code site}, key
 * prefix {@code files}. The backup copies that prefix to bucket {@code backup} with the AWS SDK after the dump (the
 * same order); the site bucket is emptied when the site is lost, and the restored instance's store is the copy, so
 * every file it or the checks read comes from the backup.
 */
final class BackupRestoreScenario implements Scenario {
    /** Schedules of the short variant. */
    static final int SHORT_SCHEDULES = 10;
    /** Schedules of the long variant (every minute). */
    static final int LONG_SCHEDULES = 40;

    @Override
    public String id() {
        return "backup-restore";
    }

    /** Bucket of the S3 store before the loss. */
    static final String SITE_BUCKET = "site";
    /** Bucket the backup copies the files to; the restored instance's store. */
    static final String BACKUP_BUCKET = "backup";
    /** Key prefix of the S3 store (the same in both buckets). */
    static final String KEY_PREFIX = "files";

    @Override
    public List<String> stores() {
        return List.of(Context.LOCAL, Context.S3);
    }

    @Override
    public Map<String, Object> run(Context c) throws Exception {
        boolean longVariant = c.longVariant();
        // sized so that one restored instance keeps up on the shared 2-core machine: this scenario is about what a
        // restore resumes, not throughput (that is `day`)
        int n = longVariant ? LONG_SCHEDULES : SHORT_SCHEDULES;
        Duration period = longVariant ? Duration.ofMinutes(1) : Duration.ofSeconds(10);
        String cron = longVariant ? "* * * * *" : "*/10 * * * * *";
        // slots run before the dump and after the restore
        int slotsBefore = longVariant ? 3 : 2;
        int slotsAfter = longVariant ? 3 : 2;
        Map<String, Object> r = new LinkedHashMap<>();
        String restoreName = "reports_restore_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        BenchDatabase source = c.db();
        boolean mariadb = isMariaDb(source.url());
        r.put("database", mariadb ? "MariaDB" : "PostgreSQL");
        r.put("schedules", n);
        r.put("cadence", cron);
        r.put("restore_database", restoreName);
        r.put(
                "artifact_store",
                c.s3()
                        ? "s3 (S3ArtifactStore on an S3Proxy in the runner, loopback, buckets under a temporary directory)"
                        : "local directory");
        Path work = Files.createTempDirectory("reliability-restore-");
        S3Site s3 = null;
        BenchDatabase restored =
                new BenchDatabase(withDatabase(source.url(), restoreName), source.user(), source.password());
        boolean created = false;
        try (Trial trial = new Trial(source, null)) {
            NodeOptions o = trial.options("a");
            // the short variant beats faster so that the dumped instances' work is taken over within seconds
            long heartbeatMs = longVariant ? 0 : 1_000;
            int missed = longVariant ? 0 : 4;
            o = new NodeOptions(
                    o.db(),
                    o.prefix(),
                    "a",
                    o.artifacts(),
                    o.smtpPort(),
                    4,
                    500,
                    heartbeatMs,
                    missed,
                    longVariant ? 300 : 1_000,
                    200,
                    0,
                    longVariant ? 0 : 1_000,
                    0,
                    0,
                    null);
            S3Site.Target siteFiles = null;
            S3Site.Target backupFiles = null;
            if (c.s3()) {
                s3 = S3Site.start(work.resolve("s3"));
                siteFiles = s3.bucket(SITE_BUCKET, KEY_PREFIX);
                backupFiles = s3.bucket(BACKUP_BUCKET, KEY_PREFIX);
                o = o.onS3(siteFiles);
            }
            r.put("heartbeat", heartbeatMs == 0 ? "library default (5 s x 6)" : heartbeatMs + " ms x " + missed);
            trial.createRecurring(
                    n, "{\"cadence\":\"cron\",\"cron_expression\":\"" + cron + "\",\"timezone\":\"UTC\"}");
            java.util.concurrent.CompletableFuture<Instance> startB = trial.startAsync(o.named("b"));
            Instance a = trial.start(o);
            Instance b = startB.join();
            Instant started = Instant.now();
            // let a few slots run, then dump while work is in flight
            Trial.await(period.multipliedBy(slotsBefore + 3), () -> {
                long fired = trial.count("SELECT COUNT(*) FROM " + trial.t.executions());
                // on S3 the dump must also refer to a file, or the copy would be checked on nothing
                return fired >= (long) n * slotsBefore
                        && a.generating() + b.generating() > 0
                        && (!c.s3()
                                || trial.count("SELECT COUNT(*) FROM " + trial.t.executions()
                                                + " WHERE status = 'SUCCEEDED'")
                                        > 0);
            });
            r.put("dumped_after_s", Duration.between(started, Instant.now()).toMillis() / 1000.0);
            r.put(
                    "in_flight_at_dump",
                    (a.generating() + b.generating()) + " generations, " + (a.sending() + b.sending()) + " deliveries");
            Path dump = work.resolve("dump.sql");
            Instant dumpStart = Instant.now();
            List<String> dumpCommand = dumpCommand(source, trial.prefix, source.tables(trial.prefix), dump);
            Scenario.exec(dumpCommand.toArray(String[]::new));
            r.put("dump_s", Duration.between(dumpStart, Instant.now()).toMillis() / 1000.0);
            r.put("dump_command", redact(dumpCommand));
            r.put("dump_bytes", Files.size(dump));
            // the documented order: files after the dump
            Path files = work.resolve("artifacts");
            Instant copyStart = Instant.now();
            long copied;
            if (c.s3()) {
                S3Site.Copy copy = s3.copyPrefix(siteFiles, backupFiles);
                copied = copy.copied();
                r.put("artifact_objects_gone_before_copied", copy.gone());
            } else {
                copied = copyTree(trial.artifacts, files);
            }
            r.put("artifact_files_copied", copied);
            r.put("artifact_copy_s", Duration.between(copyStart, Instant.now()).toMillis() / 1000.0);
            // the site is lost
            a.kill();
            b.kill();
            if (c.s3()) {
                // with its storage: the restored site can only read the copy
                r.put("site_objects_lost", s3.deleteAll(siteFiles));
            }
            Ledger original = Ledger.read(source, trial.t);

            createDatabase(source, restoreName, mariadb);
            created = true;
            Instant restoreStart = Instant.now();
            List<String> restoreCommand = restoreCommand(restored, dump);
            Scenario.exec(restoreCommand.toArray(String[]::new));
            r.put("restore_s", Duration.between(restoreStart, Instant.now()).toMillis() / 1000.0);
            r.put("restore_command", redact(restoreCommand));
            Ledger dumped = Ledger.read(restored, trial.t);
            r.put("dumped_executions", (long) dumped.executions().size());
            r.put(
                    "dumped_executions_unfinished",
                    dumped.executions().stream()
                            .filter(e -> !"SUCCEEDED".equals(e.status()))
                            .count());
            r.put(
                    "dumped_deliveries_unsent",
                    dumped.deliveries().stream()
                            .filter(d -> !"SENT".equals(d.status()))
                            .count());
            Set<String> dumpedSlots = new HashSet<>(dumped.executionsPerSlot().keySet());
            long firedAfterDump = original.executions().stream()
                    .filter(e -> !dumpedSlots.contains(e.slot()))
                    .count();
            r.put("slots_fired_on_the_lost_site_after_the_dump", firedAfterDump);
            Set<String> dumpedKeys = new HashSet<>();
            dumped.deliveries().forEach(d -> dumpedKeys.add(d.key()));
            Map<String, Integer> receivedBeforeRestore = trial.mail.countsById();
            r.put(
                    "emails_sent_by_the_lost_site_after_the_dump",
                    original.deliveries().stream()
                            .filter(d -> !dumpedKeys.contains(d.key()))
                            .mapToLong(d -> receivedBeforeRestore.getOrDefault(MessageIds.of(d.key()), 0))
                            .sum());

            // the restored site: one instance on the fresh database with the copied files
            NodeOptions ro = new NodeOptions(
                    restored,
                    o.prefix(),
                    "restored",
                    files.toString(),
                    o.smtpPort(),
                    o.threads(),
                    o.pollingMs(),
                    o.heartbeatMs(),
                    o.missedHeartbeats(),
                    o.generationMs(),
                    o.sendDelayMs(),
                    0,
                    o.retryMs(),
                    0,
                    0,
                    null);
            if (c.s3()) {
                ro = ro.onS3(backupFiles);
            }
            Instance restoredNode = trial.start(ro);
            Instant restoredAt = Instant.now();
            // Every slot before the cut-off (the restored instance's start + `slotsAfter` periods) runs and is sent.
            // Later slots keep firing meanwhile; they are left out of the checks.
            Instant cutoff = restoredAt.plus(period.multipliedBy(slotsAfter));
            r.put("checked_slots_before", cutoff.toString());
            Map<String, Long> owed = owedSlots(dumped, cutoff, period);
            java.util.concurrent.atomic.AtomicReference<Ledger> settled =
                    new java.util.concurrent.atomic.AtomicReference<>();
            boolean done = Trial.await(
                    period.multipliedBy(slotsAfter + 2).plus(Duration.ofMinutes(longVariant ? 5 : 2)), () -> {
                        try {
                            if (Instant.now().isBefore(cutoff)) {
                                return false;
                            }
                            Ledger now = Ledger.read(restored, trial.t).before(cutoff);
                            Map<String, Long> fired = new HashMap<>();
                            now.executions().stream()
                                    .filter(e -> !dumped.executionsById().containsKey(e.id()))
                                    .forEach(e -> fired.merge(e.scheduleId(), 1L, Long::sum));
                            boolean all = fired.equals(owed)
                                    && now.executions().stream().allMatch(e -> "SUCCEEDED".equals(e.status()))
                                    && now.deliveries().stream().allMatch(d -> "SENT".equals(d.status()));
                            if (all) {
                                settled.set(now);
                            }
                            return all;
                        } catch (Exception e) {
                            return false;
                        }
                    });
            r.put(
                    "restored_caught_up_s",
                    done ? Duration.between(restoredAt, Instant.now()).toMillis() / 1000.0 : null);
            Thread.sleep(2_000); // a late repeat would arrive now
            restoredNode.stop();
            Ledger after = Ledger.read(restored, trial.t);
            Ledger checked = done ? settled.get() : after.before(cutoff);
            r.put(
                    "new_slots_owed",
                    owed.values().stream().mapToLong(Long::longValue).sum());
            Map<String, Object> facts = compare(dumped, checked, trial.mail.countsById());
            r.putAll(facts);
            long resolved = 0;
            long dumpedResolved = 0;
            Map<String, Ledger.Exec> dumpedById = dumped.executionsById();
            List<String> unresolved = new ArrayList<>();
            ArtifactStore store = c.s3() ? backupFiles.store() : new LocalDirectoryArtifactStore(files);
            for (Ledger.Exec e : after.executions()) {
                if (e.artifactKey() == null) {
                    continue;
                }
                try (InputStream in = store.open(e.artifactKey())) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha));
                    if (HexFormat.of().formatHex(sha.digest()).equalsIgnoreCase(e.artifactSha256())) {
                        resolved++;
                        Ledger.Exec dumpedExec = dumpedById.get(e.id());
                        if (dumpedExec != null && e.artifactKey().equals(dumpedExec.artifactKey())) {
                            dumpedResolved++; // written by the lost site, read from the copy
                        }
                    } else {
                        unresolved.add(e.artifactKey() + " (SHA-256 differs)");
                    }
                } catch (Exception ex) {
                    unresolved.add(e.artifactKey() + " (" + ex.getClass().getSimpleName() + ")");
                }
            }
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
            r.put("artifacts_resolved", resolved);
            r.put("artifacts_resolved_of_the_dump", dumpedResolved);
            r.put("artifacts_unresolved", (long) unresolved.size());
            if (!unresolved.isEmpty()) {
                r.put("artifacts_unresolved_first", unresolved.subList(0, Math.min(5, unresolved.size())));
            }
            r.put(
                    "ok",
                    done
                            && facts.get("schedules_resumed_from_next_run_at").equals((long) n)
                            && facts.get("dumped_slots_run_again").equals(0L)
                            && facts.get("slots_run_twice").equals(0L)
                            && facts.get("dumped_sent_emails_sent_again").equals(0L)
                            && facts.get("dumped_unsent_deliveries_not_sent").equals(0L)
                            && facts.get("new_executions").equals(facts.get("new_executions_succeeded"))
                            && facts.get("new_executions").equals(r.get("new_slots_owed"))
                            && unresolved.isEmpty()
                            && resolved > 0
                            && (!c.s3() || dumpedResolved > 0));
        } finally {
            if (created) {
                dropDatabase(source, restoreName, mariadb);
            }
            if (s3 != null) {
                s3.close();
            }
            Trial.deleteTree(work);
        }
        return r;
    }

    /**
     * The restored database's run compared with the dump: resumed from {@code next_run_at}, nothing of the dump run
     * or sent again, the dump's unsent deliveries sent under their keys, the new slots all succeeded.
     */
    static Map<String, Object> compare(Ledger dumped, Ledger after, Map<String, Integer> received) {
        Map<String, Object> f = new LinkedHashMap<>();
        Map<String, Ledger.Exec> dumpedById = dumped.executionsById();
        Set<String> dumpedSlots = dumped.executionsPerSlot().keySet();
        List<Ledger.Exec> fresh = after.executions().stream()
                .filter(e -> !dumpedById.containsKey(e.id()))
                .toList();
        f.put("new_executions", (long) fresh.size());
        f.put(
                "new_executions_succeeded",
                fresh.stream().filter(e -> "SUCCEEDED".equals(e.status())).count());
        f.put(
                "dumped_slots_run_again",
                fresh.stream().filter(e -> dumpedSlots.contains(e.slot())).count());
        f.put(
                "slots_run_twice",
                after.executionsPerSlot().values().stream().filter(v -> v > 1).count());
        // the first new slot of each schedule is its dumped next_run_at
        Map<String, Instant> firstNew = new HashMap<>();
        for (Ledger.Exec e : fresh) {
            firstNew.merge(e.scheduleId(), e.scheduledFor(), (x, y) -> x.isBefore(y) ? x : y);
        }
        long resumed = dumped.nextRunAt().entrySet().stream()
                .filter(s -> s.getValue() != null && s.getValue().equals(firstNew.get(s.getKey())))
                .count();
        f.put("schedules_resumed_from_next_run_at", resumed);
        long sentAgain = 0;
        long unsentNotSent = 0;
        Map<String, Ledger.Send> afterById = new HashMap<>();
        after.deliveries().forEach(d -> afterById.put(d.id(), d));
        long resentSameKey = 0;
        for (Ledger.Send d : dumped.deliveries()) {
            int times = received.getOrDefault(MessageIds.of(d.key()), 0);
            if ("SENT".equals(d.status())) {
                sentAgain += Math.max(0, times - 1);
            } else {
                Ledger.Send now = afterById.get(d.id());
                if (now == null || !"SENT".equals(now.status()) || !now.key().equals(d.key()) || times == 0) {
                    unsentNotSent++;
                }
                resentSameKey += Math.max(0, times - 1);
            }
        }
        f.put("dumped_sent_emails_sent_again", sentAgain);
        f.put("dumped_unsent_deliveries_not_sent", unsentNotSent);
        f.put("dumped_unsent_sent_twice_same_key", resentSameKey);
        f.put(
                "emails_received_total",
                received.values().stream().mapToLong(Integer::longValue).sum());
        return f;
    }

    /**
     * How many slots each schedule owes between its dumped {@code next_run_at} and {@code cutoff} (slots are the
     * multiples of {@code period}: every minute, or every 10 s).
     */
    static Map<String, Long> owedSlots(Ledger dumped, Instant cutoff, Duration period) {
        Map<String, Long> owed = new HashMap<>();
        long p = period.toMillis();
        dumped.nextRunAt().forEach((id, next) -> {
            if (next != null && next.isBefore(cutoff)) {
                long first = next.toEpochMilli();
                long last = Math.ceilDiv(cutoff.toEpochMilli(), p) * p; // first slot at or after the cut-off
                owed.put(id, (last - first) / p);
            }
        });
        return owed;
    }

    static boolean isMariaDb(String url) {
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
    }

    /** {@code url} with its database name replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        URI u = URI.create(url.substring("jdbc:".length()));
        String rest = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        return "jdbc:" + u.getScheme() + "://" + u.getRawAuthority() + "/" + database + rest;
    }

    /** Host, port and database name of a JDBC URL. */
    static String[] hostPortDatabase(String url, int defaultPort) {
        URI u = URI.create(url.substring("jdbc:".length()));
        String db = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
        return new String[] {u.getHost(), Integer.toString(u.getPort() < 0 ? defaultPort : u.getPort()), db};
    }

    /**
     * The dump of our tables only (every table of the prefix, the task table included), in one consistent snapshot:
     * {@code pg_dump --table=<prefix>*} (pg_dump always reads one snapshot), or
     * {@code mariadb-dump --single-transaction} with the tables named.
     */
    static List<String> dumpCommand(BenchDatabase db, String prefix, List<String> tables, Path file) {
        List<String> cmd = new ArrayList<>();
        if (isMariaDb(db.url())) {
            String[] hpd = hostPortDatabase(db.url(), 3306);
            cmd.addAll(List.of(
                    "mariadb-dump",
                    "--host=" + hpd[0],
                    "--port=" + hpd[1],
                    "--user=" + db.user(),
                    "--single-transaction",
                    "--skip-lock-tables",
                    "--result-file=" + file));
            if (!db.password().isEmpty()) {
                cmd.add("--password=" + db.password());
            }
            cmd.add(hpd[2]);
            cmd.addAll(tables);
        } else {
            String[] hpd = hostPortDatabase(db.url(), 5432);
            cmd.addAll(List.of(
                    "pg_dump",
                    "--host=" + hpd[0],
                    "--port=" + hpd[1],
                    "--username=" + db.user(),
                    "--no-password",
                    "--dbname=" + hpd[2],
                    "--table=" + prefix.toLowerCase(Locale.ROOT) + "*",
                    "--no-owner",
                    "--no-privileges",
                    "--file=" + file));
        }
        return cmd;
    }

    /** Loads the dump into the (fresh, empty) database of {@code db}. */
    static List<String> restoreCommand(BenchDatabase db, Path file) {
        if (isMariaDb(db.url())) {
            String[] hpd = hostPortDatabase(db.url(), 3306);
            List<String> cmd = new ArrayList<>(
                    List.of("mariadb", "--host=" + hpd[0], "--port=" + hpd[1], "--user=" + db.user(), "--batch"));
            if (!db.password().isEmpty()) {
                cmd.add("--password=" + db.password());
            }
            cmd.addAll(List.of("--execute=source " + file, hpd[2]));
            return cmd;
        }
        String[] hpd = hostPortDatabase(db.url(), 5432);
        return List.of(
                "psql",
                "--host=" + hpd[0],
                "--port=" + hpd[1],
                "--username=" + db.user(),
                "--no-password",
                "--dbname=" + hpd[2],
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                "--file=" + file);
    }

    private static List<String> redact(List<String> command) {
        return command.stream()
                .map(a -> a.startsWith("--password=") ? "--password=***" : a)
                .toList();
    }

    static void createDatabase(BenchDatabase server, String name, boolean mariadb) {
        requireSafeName(name);
        server.execute("CREATE DATABASE " + name);
    }

    static void dropDatabase(BenchDatabase server, String name, boolean mariadb) {
        requireSafeName(name);
        server.execute(
                mariadb ? "DROP DATABASE IF EXISTS " + name : "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void requireSafeName(String name) {
        if (!name.matches("reports_restore_[0-9a-f]{8}")) {
            throw new IllegalArgumentException("refusing to create or drop database '" + name + "'");
        }
    }

    /** Copies the files under {@code from} (partial files of running generations excluded); returns how many. */
    static long copyTree(Path from, Path to) throws java.io.IOException {
        long n = 0;
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith(".incoming")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                    n++;
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return n;
    }
}
