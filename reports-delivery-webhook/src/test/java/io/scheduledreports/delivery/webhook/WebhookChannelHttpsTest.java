package io.scheduledreports.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.delivery.http.OutboundPolicy;
import io.scheduledreports.delivery.http.TestTls;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookChannelHttpsTest {

    @TempDir
    Path dir;

    @Test
    void deliversOverHttpsToANameThatResolvesToAnAllowlistedAddress() throws Exception {
        TestTls tls = TestTls.create(dir, "hooks.test");
        OutboundPolicy policy = OutboundPolicy.builder()
                .resolver(host -> List.of(InetAddress.getByName("127.0.0.1")))
                .allow("127.0.0.1/32")
                .build();
        try (ReceiverServer server = ReceiverServer.https(tls.server());
                WebhookChannel channel = WebhookChannel.create(WebhookSettings.builder()
                        .policy(policy)
                        .secrets(WebhookChannelTest.SECRETS)
                        .sslContext(tls.client())
                        .build())) {
            String url = "https://hooks.test:" + server.port() + "/in";

            assertThat(channel.deliver(TestArtifact.csv("a\r\n").to(url, Map.of("signing_secret", "hook-signing"), 1))
                            .sent())
                    .isTrue();
            ReceiverServer.Received r = server.received().getFirst();
            assertThat(r.header("host")).isEqualTo("hooks.test:" + server.port());
            assertThat(StandardWebhooksVerifier.verify(
                            WebhookChannelTest.SECRET,
                            r.header("webhook-id"),
                            r.header("webhook-timestamp"),
                            r.body(),
                            r.header("webhook-signature")))
                    .isTrue();

            // a certificate that does not name the host is a configuration problem, not retried
            assertThatThrownBy(() -> channel.deliver(
                            TestArtifact.csv("a\r\n").to("https://other.test:" + server.port() + "/in", Map.of(), 1)))
                    .isInstanceOfSatisfying(
                            ReportsException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
            assertThat(server.received()).hasSize(1);
        }
    }
}
