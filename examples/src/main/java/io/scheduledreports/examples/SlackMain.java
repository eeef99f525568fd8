package io.scheduledreports.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.delivery.slack.SlackChannel;
import io.scheduledreports.delivery.slack.SlackSettings;
import io.scheduledreports.formats.Formatters;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.SecretResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Slack delivery against a local stand-in for the Web API (the JDK HTTP server on 127.0.0.1, answering like
 * Slack): a small report is uploaded with the external upload flow and shared into the channel with a summary.
 * Point {@code apiBaseUrl} at {@code https://slack.com/api/} (the default) and give it a real bot token to post
 * to a real workspace.
 */
public final class SlackMain {

    private SlackMain() {}

    public static void main(String[] args) throws Exception {
        run().forEach(System.out::println);
    }

    /** Runs one report to channel C0123ABCD and returns the requests the stand-in received ("POST /api/..."). */
    public static List<String> run() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + api.getAddress().getPort();
        api.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(exchange.getRequestMethod() + " " + path + " (" + body.length + " bytes)");
            if (path.startsWith("/upload/")) {
                reply(exchange, "OK");
            } else if (!"Bearer xoxb-example".equals(auth)) {
                reply(exchange, "{\"ok\":false,\"error\":\"invalid_auth\"}");
            } else if (path.equals("/api/files.getUploadURLExternal")) {
                reply(exchange, "{\"ok\":true,\"upload_url\":\"" + base + "/upload/F1\",\"file_id\":\"F1\"}");
            } else if (path.equals("/api/files.completeUploadExternal")) {
                reply(exchange, "{\"ok\":true,\"files\":[{\"id\":\"F1\"}]}");
            } else if (path.equals("/api/chat.postMessage")) {
                reply(exchange, "{\"ok\":true,\"channel\":\"C0123ABCD\",\"ts\":\"1700000000.000100\"}");
            } else {
                reply(exchange, "{\"ok\":false,\"error\":\"unknown_method\"}");
            }
        });
        api.start();

        // --- the channel, as a host sets it up ---
        SlackChannel slack = SlackChannel.create(SlackSettings.builder()
                .secrets(SecretResolver.of(Map.of("slack-bot", "xoxb-example"))) // or SecretResolver.environment(..)
                .defaultBotToken("slack-bot")
                .maxFileSize(10L * 1024 * 1024) // upload up to 10 MB, link above
                .apiBaseUrl(URI.create(base + "/api/")) // only for this local example
                .policy(OutboundPolicy.builder()
                        .allow("127.0.0.1")
                        .allowPlainHttp(true)
                        .build())
                .build());
        // ---

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:slack-main-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ScheduledReports.Builder builder = ScheduledReports.builder(dataSource)
                .reportType(ReportTypes.fromMaps(
                        "inventory",
                        List.of(Column.text("item"), Column.integer("count")),
                        request -> Stream.of(
                                Map.of("item", "bolts", "count", 1200L), Map.of("item", "nuts", "count", 800L))))
                .formatters(Formatters.defaults())
                .channel(slack)
                .artifactDirectory(Files.createTempDirectory("slack-main"));
        try (slack;
                ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-16T07:00:00Z"))) {
            Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
            ScheduledReport schedule = kit.reports()
                    .create(
                            alice,
                            ScheduleRequest.builder()
                                    .name("Inventory")
                                    .reportType("inventory")
                                    .outputFormat("xlsx")
                                    .schedule("{\"cadence\": \"weekly\", \"day_of_week\": 1, \"time\": \"08:00\","
                                            + " \"timezone\": \"Europe/Berlin\"}")
                                    .recipient("slack", "C0123ABCD") // a channel id; the bot must be a member
                                    .build());
            Execution run = kit.reports().runNow(alice, schedule.id());
            kit.runDue();
            System.out.println(
                    "Execution " + kit.reports().execution(alice, run.id()).status());
            return List.copyOf(calls);
        } finally {
            api.stop(0);
        }
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
