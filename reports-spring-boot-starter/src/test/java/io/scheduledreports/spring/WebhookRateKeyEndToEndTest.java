package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.scheduledreports.core.DeliveryRecord;
import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.delivery.webhook.WebhookChannel;
import io.scheduledreports.delivery.webhook.WebhookSettings;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.SecretResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook rate limit counts per destination host ({@link WebhookChannel#rateKey}): with one send a minute, two
 * receivers (same address, different ports, so different hosts for the limit) each get their first delivery at once
 * and their second a window later, instead of one receiver's backlog holding back the other.
 */
class WebhookRateKeyEndToEndTest {

    @TempDir
    Path artifacts;

    @Test
    void aWebhookRateLimitCountsPerDestinationHost() throws Exception {
        List<String> atA = new CopyOnWriteArrayList<>();
        List<String> atB = new CopyOnWriteArrayList<>();
        HttpServer a = receiver(atA);
        HttpServer b = receiver(atB);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:webhook-rate-key-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (WebhookChannel webhook = WebhookChannel.create(WebhookSettings.builder()
                .policy(OutboundPolicy.builder()
                        .allow("127.0.0.1")
                        .allowPlainHttp(true)
                        .build())
                .secrets(SecretResolver.of(Map.of()))
                .build())) {
            ScheduledReports.Builder builder = ScheduledReports.builder(h2)
                    .reportType(ReportTypes.fromMaps(
                            "regions",
                            List.of(Column.text("region"), Column.integer("orders")),
                            req -> Stream.of(Map.of("region", "north", "orders", 12L))))
                    .formatter(CsvFormatter.ofDefaults())
                    .channel(webhook)
                    .channelRateLimit("webhook", ChannelRateLimit.perMinute(1))
                    .artifactDirectory(artifacts)
                    .diskGuard(DiskGuard.disabled());
            Actor alice = Actor.of("acme", "alice");
            String hostA = "http://127.0.0.1:" + a.getAddress().getPort();
            String hostB = "http://127.0.0.1:" + b.getAddress().getPort();
            try (ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-10T18:30:00Z"))) {
                ScheduledReport s = kit.reports()
                        .create(
                                alice,
                                ScheduleRequest.builder()
                                        .name("Orders by region")
                                        .reportType("regions")
                                        .schedule(
                                                "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Europe/Paris\"}")
                                        .recipient("webhook", hostA + "/first")
                                        .recipient("webhook", hostA + "/second")
                                        .recipient("webhook", hostB + "/first")
                                        .recipient("webhook", hostB + "/second")
                                        .build());

                kit.advanceTo(s.nextRunAt());
                assertThat(atA).as("host A's first window").hasSize(1);
                assertThat(atB).as("host B is not held back by host A's turn").hasSize(1);
                assertThat(deliveries(kit, alice, s))
                        .filteredOn(d -> d.status() == DeliveryStatus.SENT)
                        .hasSize(2);

                kit.advance(Duration.ofMinutes(2));
                assertThat(atA).containsExactlyInAnyOrder("/first", "/second");
                assertThat(atB).containsExactlyInAnyOrder("/first", "/second");

                kit.advance(Duration.ofMinutes(10));
                assertThat(atA).as("nothing doubled").hasSize(2);
                assertThat(atB).as("nothing doubled").hasSize(2);
                assertThat(deliveries(kit, alice, s)).hasSize(4).allSatisfy(d -> {
                    assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
                    assertThat(d.attempts())
                            .as("a deferred send uses no attempt")
                            .isEqualTo(1);
                });
            }
        } finally {
            a.stop(0);
            b.stop(0);
        }
    }

    private static HttpServer receiver(List<String> paths) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            paths.add(ex.getRequestURI().getPath());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        return server;
    }

    private static List<DeliveryRecord> deliveries(ReportsTestKit kit, Actor actor, ScheduledReport s) {
        Execution run = kit.reports()
                .executions(actor, s.id(), PageRequest.first())
                .items()
                .get(0);
        return kit.reports().execution(actor, run.id()).deliveries();
    }
}
