package io.scheduledreports.examples;

import com.sun.net.httpserver.HttpServer;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.delivery.webhook.WebhookChannel;
import io.scheduledreports.delivery.webhook.WebhookSettings;
import io.scheduledreports.delivery.webhook.WebhookSigner;
import io.scheduledreports.formats.Formatters;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.SecretResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Webhook delivery against a local receiver (the JDK HTTP server on 127.0.0.1): the report's event is posted with
 * Standard Webhooks headers and the receiver checks the signature. The SSRF guard refuses loopback addresses by
 * default; the allowlist lets this example through, and plain http is allowed only because the receiver is local.
 */
public final class WebhookMain {

    private WebhookMain() {}

    /** What the receiver saw: the event JSON, its {@code webhook-id}, whether the signature verified. */
    public record Received(String json, String webhookId, boolean signatureValid) {}

    public static void main(String[] args) throws Exception {
        run().forEach(r -> System.out.println(
                "webhook-id " + r.webhookId() + ", signature valid: " + r.signatureValid() + "\n" + r.json()));
    }

    /** Runs one report to the local receiver and returns what it received. */
    public static List<Received> run() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; // in real life: from the host's vault
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/reports", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            // a receiver would use a Standard Webhooks library; the signer computes the same value
            boolean valid = WebhookSigner.fromSecret(secret)
                    .sign(id, Long.parseLong(timestamp), body)
                    .equals(signature);
            received.add(new Received(new String(body, StandardCharsets.UTF_8), id, valid));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/reports";

        // --- the channel, as a host sets it up ---
        WebhookChannel webhook = WebhookChannel.create(WebhookSettings.builder()
                .secrets(SecretResolver.of(Map.of("acme-hook", secret)))
                .policy(OutboundPolicy.builder()
                        .allow("127.0.0.1") // only for this local example; production keeps the strict default
                        .allowPlainHttp(true)
                        .build())
                .build());
        // ---

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:webhook-main-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ScheduledReports.Builder builder = ScheduledReports.builder(dataSource)
                .reportType(ReportTypes.fromMaps(
                        "inventory",
                        List.of(Column.text("item"), Column.integer("count")),
                        request -> Stream.of(
                                Map.of("item", "bolts", "count", 1200L), Map.of("item", "nuts", "count", 800L))))
                .formatters(Formatters.defaults())
                .channel(webhook)
                .artifactDirectory(Files.createTempDirectory("webhook-main"));
        try (webhook;
                ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-16T07:00:00Z"))) {
            Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
            try {
                kit.reports()
                        .create(alice, request(new Recipient(null, "webhook", url, Map.of("signing_secret", "typo"))));
            } catch (ReportsValidationException refused) {
                System.out.println("Refused up front: " + refused.getMessage());
            }
            // --- a recipient: the URL, and the name of its signing secret ---
            Recipient hook = new Recipient(null, "webhook", url, Map.of("signing_secret", "acme-hook"));
            // ---
            ScheduledReport schedule = kit.reports().create(alice, request(hook));
            Execution run = kit.reports().runNow(alice, schedule.id());
            kit.runDue();
            System.out.println(
                    "Execution " + kit.reports().execution(alice, run.id()).status());
            return List.copyOf(received);
        } finally {
            receiver.stop(0);
        }
    }

    private static ScheduleRequest request(Recipient recipient) {
        return ScheduleRequest.builder()
                .name("Inventory")
                .reportType("inventory")
                .outputFormat("csv")
                .schedule("{\"cadence\": \"daily\", \"time\": \"08:00\", \"timezone\": \"Europe/Berlin\"}")
                .recipient(recipient)
                .build();
    }
}
