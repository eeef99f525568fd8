package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.internal.ReportsJdbi;
import io.scheduledreports.jdbc.internal.TransactionBoundDataSource;
import io.scheduledreports.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Turns under a channel rate limit, taken by concurrent "instances" (own pools) on each database. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ChannelRatesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:10Z");
    private static final ChannelRateLimit TEN_PER_MINUTE = ChannelRateLimit.perMinute(10);

    @Parameter
    TestDatabase database;

    TestDatabase.Instance db;
    final List<AutoCloseable> pools = new ArrayList<>();

    @BeforeEach
    void open() {
        db = database.open(4);
        ReportsSchema.of(db.dataSource(), db.tables()).migrate();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable pool : pools) {
            pool.close();
        }
        db.close();
    }

    private ChannelRates instance(DataSource ds) {
        Dialect dialect = Dialect.detect(ds);
        return new ChannelRates(
                db.tables(), new Tx(ReportsJdbi.create(ds, dialect), new TransactionBoundDataSource(ds)));
    }

    @Test
    void turnsBeyondTheLimitAreReservedInLaterWindowsSpreadEvenlyAndInOrder() {
        ChannelRates rates = instance(db.dataSource());

        List<ChannelRates.Turn> turns = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            turns.add(rates.take("webhook", "hooks.example.com", TEN_PER_MINUTE, T0, "d" + i));
        }

        assertThat(turns.subList(0, 10)).allSatisfy(t -> assertThat(t).isEqualTo(new ChannelRates.Turn(T0, false)));
        Instant next = Instant.parse("2026-11-23T09:01:00Z");
        assertThat(turns.get(10)).isEqualTo(new ChannelRates.Turn(next, true));
        assertThat(turns.get(11)).isEqualTo(new ChannelRates.Turn(next.plusSeconds(6), true));
        assertThat(turns.get(24)).isEqualTo(new ChannelRates.Turn(next.plusSeconds(60 + 24), true));
        assertThat(turns.subList(10, 25)).extracting(ChannelRates.Turn::at).isSorted();
        assertThat(rates.reservation("d12")).contains(next.plusSeconds(12));
        assertThat(rates.reservation("d3")).isEmpty();

        // another key and another channel have their own turns
        assertThat(rates.take("webhook", "other.example.com", TEN_PER_MINUTE, T0, "x1")
                        .reserved())
                .isFalse();
        assertThat(rates.take("sftp", "hooks.example.com", TEN_PER_MINUTE, T0, "x2")
                        .reserved())
                .isFalse();

        rates.release("d12");
        assertThat(rates.reservation("d12")).isEmpty();
    }

    @Test
    void concurrentInstancesNeverGrantMoreThanTheLimitPerWindowBetweenThem() throws Exception {
        int instances = 3;
        int perInstance = 40;
        List<ChannelRates> cluster = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            var pool = db.newPool(3);
            pools.add(pool);
            cluster.add(instance(pool));
        }
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            List<Future<List<Instant>>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                ChannelRates rates = cluster.get(i);
                int node = i;
                Callable<List<Instant>> work = () -> {
                    List<Instant> at = new ArrayList<>();
                    for (int n = 0; n < perInstance; n++) {
                        at.add(rates.take("webhook", "", TEN_PER_MINUTE, T0, "n" + node + "-" + n)
                                .at());
                    }
                    return at;
                };
                results.add(threads.submit(work));
            }
            List<Instant> all = new ArrayList<>();
            for (Future<List<Instant>> r : results) {
                all.addAll(r.get());
            }

            TreeMap<Instant, Long> perWindow = all.stream()
                    .collect(Collectors.groupingBy(
                            at -> at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                            TreeMap::new,
                            Collectors.counting()));
            // 120 turns at 10 a minute: exactly 10 in each of 12 windows, none granted twice
            assertThat(perWindow)
                    .hasSize(12)
                    .allSatisfy((window, count) ->
                            assertThat(count).as("turns in window %s", window).isEqualTo(10));
            assertThat(all.stream().filter(at -> !at.equals(T0)).distinct().count())
                    .as("reserved turns are distinct")
                    .isEqualTo(110);
            assertThat(perWindow.lastKey())
                    .isEqualTo(T0.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                            .plus(Duration.ofMinutes(11)));
        } finally {
            threads.shutdownNow();
        }
    }
}
