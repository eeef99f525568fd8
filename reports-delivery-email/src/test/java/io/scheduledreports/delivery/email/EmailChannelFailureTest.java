package io.scheduledreports.delivery.email;

import static io.scheduledreports.delivery.email.RecipientType.CC;
import static io.scheduledreports.delivery.email.RecipientType.TO;
import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How SMTP failures are classified, end to end against a scripted SMTP server. */
class EmailChannelFailureTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:05Z"));
    private final TestDeliveries deliveries =
            TestDeliveries.of(TO.recipient("alice@example.com"), CC.recipient("bob@example.com"));
    private ScriptedSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedSmtpServer.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void aRecipientRefusedWith5xxIsADataFailureOfThatDeliveryOnly() {
        server.reply("RCPT", "550 5.1.1 <alice@example.com>: user unknown");

        DeliveryResult result = deliver("alice@example.com");

        assertThat(result.category()).isEqualTo(ErrorCategory.DATA);
        assertThat(result.message())
                .isEqualTo("SMTP server 127.0.0.1:" + server.port() + " refused recipient alice@example.com:"
                        + " 550 5.1.1 <alice@example.com>: user unknown");
        assertThat(server.commands())
                .as("the envelope held only this delivery's recipient")
                .filteredOn(c -> c.startsWith("RCPT"))
                .containsExactly("RCPT TO:<alice@example.com>");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void aRecipientDeferredWith4xxIsANetworkFailure() {
        server.reply("RCPT", "450 4.2.1 mailbox busy, try later");

        DeliveryResult result = deliver("alice@example.com");

        assertThat(result.category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(result.message()).contains("450 4.2.1 mailbox busy");
    }

    @Test
    void aMessageRefusedAfterDataWith5xxIsADataFailure() {
        server.reply(".", "554 5.7.1 message rejected as spam");

        DeliveryResult result = deliver("alice@example.com");

        assertThat(result.category()).isEqualTo(ErrorCategory.DATA);
        assertThat(result.message()).endsWith("refused the message: 554 5.7.1 message rejected as spam");
    }

    @Test
    void aMessageDeferredAfterDataWith4xxIsANetworkFailure() {
        server.reply(".", "451 4.3.0 local error, try again");

        assertThat(deliver("alice@example.com").category()).isEqualTo(ErrorCategory.NETWORK);
    }

    @Test
    void aSenderRefusedWith5xxIsAConfigurationFailure() {
        server.reply("MAIL", "553 5.7.1 sender not allowed");

        DeliveryResult result = deliver("alice@example.com");

        assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(result.message())
                .contains("refused sender reports@example.com")
                .contains("check email.from");
    }

    @Test
    void aBusyGreetingIsANetworkFailureAndARefusingOneIsConfiguration() throws IOException {
        server.greeting("421 4.3.2 too busy, try later");
        assertThat(deliver("alice@example.com").category()).isEqualTo(ErrorCategory.NETWORK);

        server.greeting("554 5.7.1 your address is not allowed here");
        DeliveryResult refused = deliver("alice@example.com");
        assertThat(refused.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(refused.message()).contains("554 5.7.1 your address is not allowed here");
    }

    @Test
    void aServerThatStopsAnsweringTimesOutAsANetworkFailure() {
        server.silentAfterGreeting();

        DeliveryResult result;
        try (EmailChannel channel = channel(server.settings().readTimeout(Duration.ofMillis(300)))) {
            result = channel.deliver(deliveries.to("alice@example.com"));
        }

        assertThat(result.category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(result.message()).startsWith("timed out talking to SMTP server 127.0.0.1:" + server.port());
    }

    @Test
    void noServerListeningIsANetworkFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryResult result;
        EmailHealth health;
        try (EmailChannel channel = channel(server.settings().port(closedPort))) {
            result = channel.deliver(deliveries.to("alice@example.com"));
            health = channel.healthCheck();
        }

        assertThat(result.sent()).isFalse();
        assertThat(result.category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(result.message()).startsWith("cannot connect to SMTP server 127.0.0.1:" + closedPort + ": ");
        assertThat(health.up()).isFalse();
        assertThat(health.details()).containsEntry("category", "NETWORK").containsKey("error");
    }

    @Test
    void aReportFileThatCannotBeReadWhileSendingIsASystemFailureAndNoMessageIsAccepted() {
        TestArtifact broken = new TestArtifact("weekly.csv", "text/csv", new byte[100], null) {
            @Override
            public java.io.InputStream open() throws IOException {
                throw new IOException("artifact store unavailable");
            }
        };

        DeliveryResult result;
        try (EmailChannel channel = channel(server.settings())) {
            result = channel.deliver(TestDeliveries.of(TO.recipient("alice@example.com"))
                    .artifact(broken)
                    .to("alice@example.com"));
        }

        assertThat(result.category()).isEqualTo(ErrorCategory.SYSTEM);
        assertThat(result.message()).isEqualTo("cannot open report file 'weekly.csv': artifact store unavailable");
        assertThat(server.messages()).as("the message was never completed").isEmpty();
    }

    @Test
    void reusesOneConnectionForABatchAndOpensANewOneAfterTheIdleTimeout() {
        try (EmailChannel channel = channel(server.settings().connectionIdleTimeout(Duration.ofSeconds(30)))) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
            assertThat(channel.deliver(deliveries.to("bob@example.com")).sent()).isTrue();
            assertThat(channel.deliver(deliveries.to("alice@example.com", 2)).sent())
                    .isTrue();
            assertThat(server.connections()).as("one connection for the batch").isEqualTo(1);
            assertThat(server.commands())
                    .filteredOn("NOOP"::equals)
                    .as("liveness checks")
                    .hasSize(2);

            clock.advance(Duration.ofSeconds(31));
            assertThat(channel.deliver(deliveries.to("bob@example.com", 2)).sent())
                    .isTrue();
            assertThat(server.connections()).as("the idle connection expired").isEqualTo(2);
        }
        assertThat(server.messages()).hasSize(4);
    }

    @Test
    void opensAConnectionPerDeliveryWhenReuseIsOff() {
        try (EmailChannel channel = channel(server.settings().maxIdleConnections(0))) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
            assertThat(channel.deliver(deliveries.to("bob@example.com")).sent()).isTrue();
        }

        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.commands()).filteredOn("QUIT"::equals).hasSize(2);
    }

    @Test
    void neverReusesAConnectionThatSawAFailure() {
        server.reply("RCPT", "550 5.1.1 user unknown");
        try (EmailChannel channel = channel(server.settings())) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).category())
                    .isEqualTo(ErrorCategory.DATA);
            server.reply("RCPT", "250 2.1.5 OK");
            assertThat(channel.deliver(deliveries.to("bob@example.com")).sent()).isTrue();
        }

        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void closingTheChannelClosesIdleConnections() {
        EmailChannel channel = channel(server.settings());
        assertThat(channel.deliver(deliveries.to("alice@example.com")).sent()).isTrue();
        assertThat(server.commands()).doesNotContain("QUIT");

        channel.close();

        assertThat(server.commands()).contains("QUIT");
    }

    private DeliveryResult deliver(String address) {
        try (EmailChannel channel = channel(server.settings())) {
            return channel.deliver(deliveries.to(address));
        }
    }

    private EmailChannel channel(EmailSettings.Builder settings) {
        return EmailChannel.create(settings.build(), clock);
    }
}
