package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.recipients.UnsubscribeScope;
import io.scheduledreports.core.recipients.WeeklySummary;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The weekly owner summary: one message per owner per week at the configured moment, with the week's runs,
 * failures by category, skipped runs, unsubscribes and next week's runs; none for owners who opted out or have no
 * address; exactly once per owner and week however often and wherever the job runs.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class WeeklySummaryTest {

    /** A Tuesday. */
    private static final Instant START = Instant.parse("2026-02-10T18:30:00Z");
    /** The next Monday 08:00 in Berlin. */
    private static final Instant MONDAY_8_BERLIN = Instant.parse("2026-02-16T07:00:00Z");

    private static final String DAILY = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Europe/Berlin\"}";
    private static final Actor ALICE = Actor.of("acme", "alice");
    private static final Actor OSCAR = Actor.of("acme", "oscar");
    private static final Actor NOBODY = Actor.of("acme", "no-address");
    private static final Map<String, String> ADDRESSES = Map.of("alice", "alice@acme.test", "oscar", "oscar@acme.test");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    private ScheduledReports.Builder builder(EngineFixture f) {
        return builder(f, f.db.dataSource());
    }

    private ScheduledReports.Builder builder(EngineFixture f, javax.sql.DataSource dataSource) {
        return f.builder(dataSource)
                .failureNotifications(new FailureNotifications(
                        "email",
                        (tenant, owner) -> Optional.ofNullable(ADDRESSES.get(owner)),
                        List.of(),
                        Map.of("subject", "failed: {report_name}")))
                .weeklySummary(new WeeklySummary(DayOfWeek.MONDAY, LocalTime.of(8, 0), ZoneId.of("Europe/Berlin")))
                .downloadLinks(
                        DownloadLinkConfig.builder()
                                .key("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                                .build(),
                        URI.create("https://app.example.com/api/v1/report-executions/download"))
                .unsubscribeLinks(URI.create("https://app.example.com/api/v1/unsubscribe"));
    }

    private static ScheduledReport daily(ReportsTestKit kit, Actor owner, String name, String... addresses) {
        ScheduleRequest.Builder request =
                ScheduleRequest.builder().name(name).reportType("sales").schedule(DAILY);
        for (String address : addresses) {
            request.recipient("email", address);
        }
        return kit.reports().create(owner, request.build());
    }

    private static List<String> summaries(RecordingChannel email, String address) {
        return email.receivedBy(address).stream()
                .map(r -> new String(r.content(), StandardCharsets.UTF_8))
                .filter(text -> text.startsWith("Weekly summary"))
                .toList();
    }

    @Test
    void eachOwnerGetsOneSummaryOfTheirWeekAtTheConfiguredMomentAndOptedOutOwnersNone() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(builder(f), START)) {
            ScheduledReport orders = daily(kit, ALICE, "Orders", "bob@acme.test", "carol@acme.test");
            daily(kit, OSCAR, "Stock", "dan@acme.test");
            daily(kit, NOBODY, "Nobody's", "erin@acme.test");
            kit.reports().setWeeklySummaryEnabled(OSCAR, false);
            f.email.fail("carol@acme.test", ErrorCategory.CONFIGURATION); // one failure a day
            kit.advanceTo(orders.nextRunAt());
            String link = f.email.receivedBy("bob@acme.test").get(0).variables().get("unsubscribe_url");
            kit.reports().unsubscribe(link.substring(link.indexOf("token=") + 6), UnsubscribeScope.SCHEDULE);

            kit.advanceTo(MONDAY_8_BERLIN.minusSeconds(60));
            assertThat(summaries(f.email, "alice@acme.test"))
                    .as("not before Monday 08:00")
                    .isEmpty();
            kit.advanceTo(MONDAY_8_BERLIN.plus(Duration.ofMinutes(5)));

            List<String> alice = summaries(f.email, "alice@acme.test");
            assertThat(alice).hasSize(1);
            String text = alice.get(0);
            assertThat(text)
                    .contains("Mon 2026-02-09 08:00 to Mon 2026-02-16 08:00 (Europe/Berlin)")
                    .contains("Schedules (1)")
                    .contains("Orders [ACTIVE], next run Mon 2026-02-16 09:00 Europe/Berlin")
                    .contains("Runs this week: 5 (4 failed, 1 partially_delivered)")
                    .contains("Failed and skipped runs (5), failures by category: CONFIGURATION 5")
                    .contains("Unsubscribed this week (1)")
                    .contains("bob@acme.test (email) from Orders")
                    .contains("Bounced this week (0)")
                    .contains("Next week's runs (7)")
                    .contains("Mon 2026-02-16 09:00 Europe/Berlin  Orders")
                    .doesNotContain("Stock");
            assertThat(summaries(f.email, "oscar@acme.test"))
                    .as("oscar opted out")
                    .isEmpty();
            assertThat(f.sql.strings("SELECT status FROM " + f.db.tables().prefix()
                            + "owner_summaries WHERE owner_id = 'no-address'"))
                    .as("an owner without an address is marked, gets nothing")
                    .containsExactly("NO_ADDRESS");

            assertThat(kit.reports().admin().sendWeeklySummaries())
                    .as("running the job again in the same week sends nothing")
                    .isZero();
            kit.advance(Duration.ofDays(1));
            assertThat(summaries(f.email, "alice@acme.test")).hasSize(1);

            kit.reports().setWeeklySummaryEnabled(OSCAR, true);
            kit.advanceTo(MONDAY_8_BERLIN.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(5)));
            assertThat(summaries(f.email, "alice@acme.test")).as("next week's").hasSize(2);
            assertThat(summaries(f.email, "oscar@acme.test")).as("back in").hasSize(1);
            assertThat(f.sql.strings("SELECT action FROM " + f.db.tables().auditEvents()
                            + " WHERE action LIKE 'WEEKLY_SUMMARY%' ORDER BY occurred_at"))
                    .containsExactly("WEEKLY_SUMMARY_OFF", "WEEKLY_SUMMARY_ON");
        }
    }

    @Test
    void twoInstancesRunningTheJobAtOnceQueueOneSummaryPerOwner() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                var secondPool = f.db.newPool(4);
                ReportsTestKit kit = ReportsTestKit.start(builder(f, f.db.dataSource()), START);
                ReportsTestKit other = ReportsTestKit.start(builder(f, secondPool), START)) {
            for (int i = 0; i < 6; i++) {
                daily(kit, i % 2 == 0 ? ALICE : OSCAR, "r" + i, "x" + i + "@acme.test");
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            int queued = 0;
            try {
                // both instances summarise the week to the last Monday 08:00 at the same moment
                Callable<Integer> a = () -> kit.reports().admin().sendWeeklySummaries();
                Callable<Integer> b = () -> other.reports().admin().sendWeeklySummaries();
                for (Future<Integer> r : pool.invokeAll(List.of(a, b))) {
                    queued += r.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(queued)
                    .as("one per owner, not one per owner and instance")
                    .isEqualTo(2);
            assertThat(countRows(f)).isEqualTo(2);
            kit.advance(Duration.ofMinutes(5));
            assertThat(summaries(f.email, "alice@acme.test")).hasSize(1);
            assertThat(summaries(f.email, "oscar@acme.test")).hasSize(1);
        }
    }

    private static int countRows(EngineFixture f) {
        return (int) f.sql.count(f.db.tables().prefix() + "owner_summaries");
    }

    @Test
    void summariesNeedTheFailureNotificationChannel() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts)) {
            assertThatThrownBy(() -> f.builder()
                            .weeklySummary(WeeklySummary.ofDefaults())
                            .build())
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("weekly-summary"))
                    .hasMessageContaining("failureNotifications");
            assertThatThrownBy(() -> new WeeklySummary(DayOfWeek.MONDAY, LocalTime.of(8, 0, 30), ZoneId.of("UTC")))
                    .hasMessageContaining("weekly-summary.time");
        }
    }
}
