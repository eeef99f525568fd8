package io.scheduledreports.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundHttpTest {

    private record Seen(String method, String path, String host, String contentType, String custom, byte[] body) {}

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile String rebindTo;
    private OutboundHttp http;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            seen.add(new Seen(
                    ex.getRequestMethod(),
                    ex.getRequestURI().toString(),
                    ex.getRequestHeaders().getFirst("Host"),
                    ex.getRequestHeaders().getFirst("Content-Type"),
                    ex.getRequestHeaders().getFirst("X-Custom"),
                    ex.getRequestBody().readAllBytes()));
            respond(ex, 200, "ok");
        });
        server.createContext("/redirect", ex -> {
            seen.add(new Seen("", "/redirect", "", "", "", new byte[0]));
            ex.getResponseHeaders().add("Location", "http://hooks.test:" + port() + "/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/big", ex -> respond(ex, 200, "x".repeat(200_000)));
        server.createContext("/big-chunked", ex -> {
            ex.sendResponseHeaders(500, 0); // length 0 = chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write("y".repeat(2_000).getBytes(StandardCharsets.US_ASCII));
                }
            }
        });
        server.createContext("/chunked", ex -> {
            ex.getResponseHeaders().add("Retry-After", "120");
            ex.sendResponseHeaders(503, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("busy, ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("come back later".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.createContext("/slow", ex -> {
            sleep(3_000);
            respond(ex, 200, "late");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        http = OutboundHttp.builder(policy()).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    /** "hooks.test" resolves (only through this resolver) to the loopback server, or to what {@code rebindTo} says. */
    private OutboundPolicy policy() {
        return OutboundPolicy.builder()
                .resolver(host -> {
                    lookups.incrementAndGet();
                    if (!host.equals("hooks.test")) {
                        throw new java.net.UnknownHostException(host);
                    }
                    return List.of(InetAddress.getByName(rebindTo == null ? "127.0.0.1" : rebindTo));
                })
                .allow("127.0.0.1/32")
                .allowPlainHttp(true)
                .build();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private URI uri(String path) {
        return URI.create("http://hooks.test:" + port() + path);
    }

    @Test
    void postsTheBodyAndKeepsTheHostNameWhileConnectingToTheVettedAddress() throws Exception {
        OutboundResponse response =
                http.send(OutboundRequest.post(uri("/in?a=1"), RequestBody.ofString("application/json", "{\"a\":1}"))
                        .withHeader("X-Custom", "v1"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("ok");
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo("/in?a=1");
            assertThat(s.host()).as("Host header").isEqualTo("hooks.test:" + port());
            assertThat(s.contentType()).isEqualTo("application/json");
            assertThat(s.custom()).isEqualTo("v1");
            assertThat(new String(s.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        });
        // the name is resolved once, by the policy; "hooks.test" exists in no DNS, so nothing else resolved it
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aNameThatRebindsToTheMetadataAddressIsRefusedBeforeAnyConnection() throws Exception {
        assertThat(http.send(OutboundRequest.post(uri("/"), RequestBody.ofString("text/plain", "1")))
                        .status())
                .isEqualTo(200);

        rebindTo = "169.254.169.254";

        assertThatThrownBy(() -> http.send(OutboundRequest.post(uri("/"), RequestBody.ofString("text/plain", "2"))))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("169.254.169.254");
        assertThat(seen).hasSize(1);
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        OutboundResponse response =
                http.send(OutboundRequest.post(uri("/redirect"), RequestBody.ofString("text/plain", "x")));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).hasValue("http://hooks.test:" + port() + "/");
        assertThat(seen).extracting(Seen::path).containsExactly("/redirect");
    }

    @Test
    void capsTheResponseBodyWithAndWithoutChunking() throws Exception {
        try (OutboundHttp small =
                OutboundHttp.builder(policy()).maxResponseBytes(1024).build()) {
            OutboundResponse fixed = small.send(OutboundRequest.of("GET", uri("/big")));
            OutboundResponse chunked = small.send(OutboundRequest.of("GET", uri("/big-chunked")));

            assertThat(fixed.body()).hasSize(1024);
            assertThat(fixed.truncated()).isTrue();
            assertThat(chunked.status()).isEqualTo(500);
            assertThat(chunked.body()).hasSize(1024);
            assertThat(chunked.truncated()).isTrue();
            assertThat(chunked.bodyExcerpt(20)).isEqualTo("yyyyyyyyyyyyyyyyyyyy...");
        }
    }

    @Test
    void readsChunkedBodiesAndRetryAfter() throws Exception {
        OutboundResponse response = http.send(OutboundRequest.of("GET", uri("/chunked")));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).isEqualTo("busy, come back later");
        assertThat(response.truncated()).isFalse();
        assertThat(response.retryAfter(Instant.now())).hasValue(Duration.ofSeconds(120));
    }

    @Test
    void parsesRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-03-02T08:00:00Z");

        assertThat(OutboundResponse.parseRetryAfter("30", now)).hasValue(Duration.ofSeconds(30));
        assertThat(OutboundResponse.parseRetryAfter("Mon, 02 Mar 2026 08:05:00 GMT", now))
                .hasValue(Duration.ofMinutes(5));
        assertThat(OutboundResponse.parseRetryAfter("Mon, 02 Mar 2026 07:00:00 GMT", now))
                .hasValue(Duration.ZERO);
        assertThat(OutboundResponse.parseRetryAfter("soon", now)).isEmpty();
    }

    @Test
    void timesOutWhenTheServerIsSilent() {
        try (OutboundHttp impatient = OutboundHttp.builder(policy())
                .readTimeout(Duration.ofMillis(300))
                .build()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> impatient.send(OutboundRequest.of("GET", uri("/slow"))))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        }
    }

    @Test
    void theCallDeadlineCutsAnExchangeThatKeepsGoing() {
        try (OutboundHttp impatient = OutboundHttp.builder(policy())
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofMillis(300))
                .build()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> impatient.send(OutboundRequest.of("GET", uri("/slow"))))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("call timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        }
    }

    @Test
    void reportsARefusedConnectionAsConnectException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        assertThatThrownBy(
                        () -> http.send(OutboundRequest.of("GET", URI.create("http://hooks.test:" + closedPort + "/"))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("hooks.test (127.0.0.1):" + closedPort);
    }

    @Test
    void refusesHeaderValuesWithLineBreaksWithoutEchoingThem() {
        assertThatThrownBy(
                        () -> OutboundRequest.of("GET", uri("/")).withHeader("Authorization", "Bearer s3cret\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Authorization")
                .hasMessageNotContaining("s3cret");
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
