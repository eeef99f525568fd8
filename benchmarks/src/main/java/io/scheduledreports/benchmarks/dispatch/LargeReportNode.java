package io.scheduledreports.benchmarks.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.BenchReports;
import io.scheduledreports.benchmarks.harness.ChildJvm;
import io.scheduledreports.benchmarks.harness.Logging;
import io.scheduledreports.benchmarks.harness.NoopChannel;
import io.scheduledreports.benchmarks.harness.Results;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.DeliveryEvent;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsListener;
import io.scheduledreports.storage.s3.S3ArtifactStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One large report through the whole pipeline in this (small-heap) JVM: a run-now of a {@code large} report
 * (rows generated as they are written), formatted, stored, then read back to its end by the channel. Prints
 * {@code @@RESULT json} with timings, sizes and heap use. Started by {@link LargeReportBenchmark}. With {@code
 * --store=s3} the file goes to an {@link S3ArtifactStore} whose server the harness names in the first line on
 * standard input ({@code endpoint bucket accessKey secretKey}).
 */
public final class LargeReportNode {
    private LargeReportNode() {}

    /** Runs one report; options {@code --format --rows --prefix --store --part-mb} plus the database's. */
    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        BenchDatabase db = BenchDatabase.from(args);
        String format = args.string("format", "csv");
        long rows = args.integer("rows", 1_000_000, 0);
        String prefix = args.string("prefix", null);
        long pollingMs = args.millis("polling-ms", 200, 50).toMillis();
        int timeoutS = args.integer("timeout-s", 900, 10);
        String storeKind = args.string("store", "local");
        int partMb = args.integer("part-mb", 5, 5);
        if (!storeKind.equals("local") && !storeKind.equals("s3")) {
            throw new IllegalArgumentException("store: must be local or s3 in the node, was " + storeKind);
        }
        Logging.level(args.string("log-level", "WARN"));
        args.rejectUnused();

        Path artifacts = Files.createTempDirectory("bench-large-");
        CompletableFuture<Long> started = new CompletableFuture<>();
        CompletableFuture<ExecutionEvent> generated = new CompletableFuture<>();
        CompletableFuture<Long> delivered = new CompletableFuture<>();
        NoopChannel channel = NoopChannel.reading();
        Map<String, Object> result = new LinkedHashMap<>();
        try (HikariDataSource pool = db.pool("large", 4);
                AutoCloseable s3 = "s3".equals(storeKind) ? s3Store(partMb) : null;
                ScheduledReports reports = withStore(BenchReports.engine(pool, prefix, artifacts), s3)
                        .reportType(BenchReports.large(rows))
                        .channel(channel)
                        .workerThreads(2)
                        .polling(PollingSettings.builder()
                                .pollingInterval(Duration.ofMillis(pollingMs))
                                .build())
                        .instanceName("large-" + format)
                        .listener(new ReportsListener() {
                            @Override
                            public void executionStarted(ExecutionEvent event) {
                                started.complete(System.nanoTime());
                            }

                            @Override
                            public void executionSucceeded(ExecutionEvent event) {
                                generated.complete(event);
                            }

                            @Override
                            public void executionFailed(ExecutionEvent event) {
                                generated.completeExceptionally(new IllegalStateException(
                                        "generation failed [" + event.category() + "]: " + event.error()));
                            }

                            @Override
                            public void deliverySent(DeliveryEvent event) {
                                delivered.complete(System.nanoTime());
                            }
                        })
                        .build()) {
            reports.start();
            Actor actor = Actor.of("big", "owner");
            String schedule = reports.create(
                            actor,
                            BenchReports.daily(
                                    "Large " + format,
                                    "large",
                                    format,
                                    Instant.now().plus(Duration.ofHours(12)),
                                    NoopChannel.ID,
                                    "big@example.com"))
                    .id();
            resetPeaks();
            long t0 = System.nanoTime();
            Execution run = reports.runNow(actor, schedule);
            long t1 = started.get(timeoutS, TimeUnit.SECONDS);
            ExecutionEvent gen = generated.get(timeoutS, TimeUnit.SECONDS);
            long t2 = System.nanoTime();
            long t3 = delivered.get(timeoutS, TimeUnit.SECONDS);
            Execution done = reports.execution(actor, run.id());
            result.put("format", format);
            result.put("store", storeKind);
            if (s3 instanceof S3ArtifactStore s) {
                result.put("partSizeBytes", s.partSize());
            }
            result.put("rows", gen.rowCount());
            result.put(
                    "artifactBytes",
                    done.artifact() == null ? -1 : done.artifact().size());
            result.put("bytesReadByChannel", channel.bytesRead());
            result.put("startMs", (t1 - t0) / 1_000_000);
            result.put("generationMs", done.durationMs());
            result.put("generatedMs", (t2 - t0) / 1_000_000);
            result.put("deliveredMs", (t3 - t0) / 1_000_000);
            result.put("rowsPerSecond", gen.rowCount() * 1000.0 / Math.max(1, done.durationMs()));
            result.put("status", done.status().name());
            result.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            result.put("peakHeapMb", peakHeapBytes() / (1024.0 * 1024.0));
            long gcCount = 0;
            long gcMs = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcCount += Math.max(0, gc.getCollectionCount());
                gcMs += Math.max(0, gc.getCollectionTime());
            }
            result.put("gcCount", gcCount);
            result.put("gcMs", gcMs);
            result.put(
                    "gc",
                    ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(GarbageCollectorMXBean::getName)
                            .toList());
        } catch (Throwable t) {
            result.put("error", String.valueOf(t));
            t.printStackTrace(System.out);
        } finally {
            DispatchBenchmark.deleteTree(artifacts);
        }
        ChildJvm.message("RESULT "
                + Results.json()
                        .writer()
                        .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(result));
        System.exit(result.containsKey("error") ? 1 : 0);
    }

    private static ScheduledReports.Builder withStore(ScheduledReports.Builder builder, AutoCloseable store) {
        return store instanceof ArtifactStore artifactStore ? builder.artifactStore(artifactStore) : builder;
    }

    /** An S3 store on the server named by the first line on standard input. */
    private static S3ArtifactStore s3Store(int partMb) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            throw new IllegalStateException("store=s3: expected 'endpoint bucket accessKey secretKey' on stdin");
        }
        String[] parts = line.trim().split(" ");
        if (parts.length != 4) {
            throw new IllegalStateException(
                    "store=s3: expected 4 words on stdin (endpoint bucket accessKey secretKey), was " + parts.length);
        }
        S3ArtifactStore store = S3ArtifactStore.builder()
                .endpoint(URI.create(parts[0]))
                .bucket(parts[1])
                .pathStyleAccess(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(parts[2], parts[3])))
                .partSize(partMb * 1024 * 1024)
                .build();
        store.verifyAccess();
        return store;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The largest heap use seen: the sum of each heap pool's peak (an upper bound; pools peak at different times). */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
