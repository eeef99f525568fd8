package io.scheduledreports.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundHttpsTest {

    @TempDir
    static Path dir;

    static HttpsServer server;
    static TestTls tls;
    static volatile String seenHost;

    @BeforeAll
    static void start() throws Exception {
        tls = TestTls.create(dir, "hooks.test");
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.server()));
        server.createContext("/", ex -> {
            seenHost = ex.getRequestHeaders().getFirst("Host");
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static OutboundHttp client() {
        OutboundPolicy policy = OutboundPolicy.builder()
                .resolver(host -> List.of(InetAddress.getByName("127.0.0.1")))
                .allow("127.0.0.1/32")
                .build();
        return OutboundHttp.builder(policy).sslContext(tls.client()).build();
    }

    @Test
    void verifiesTheCertificateAgainstTheHostNameWhileConnectingToTheVettedAddress() throws Exception {
        try (OutboundHttp http = client()) {
            int port = server.getAddress().getPort();

            OutboundResponse response = http.send(OutboundRequest.post(
                    URI.create("https://hooks.test:" + port + "/in"), RequestBody.ofString("text/plain", "hi")));

            assertThat(response.status()).isEqualTo(204);
            assertThat(seenHost).isEqualTo("hooks.test:" + port);
        }
    }

    @Test
    void refusesACertificateForAnotherName() {
        try (OutboundHttp http = client()) {
            int port = server.getAddress().getPort();

            // same address, same trusted certificate, but it was issued for hooks.test
            assertThatThrownBy(() -> http.send(OutboundRequest.post(
                            URI.create("https://other.test:" + port + "/in"),
                            RequestBody.ofString("text/plain", "hi"))))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void refusesAnUntrustedCertificate() {
        OutboundPolicy policy = OutboundPolicy.builder()
                .resolver(host -> List.of(InetAddress.getByName("127.0.0.1")))
                .allow("127.0.0.1/32")
                .build();
        try (OutboundHttp http = OutboundHttp.builder(policy).build()) { // the JVM's trust store
            int port = server.getAddress().getPort();

            assertThatThrownBy(() -> http.send(OutboundRequest.post(
                            URI.create("https://hooks.test:" + port + "/in"),
                            RequestBody.ofString("text/plain", "hi"))))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }
}
