package io.scheduledreports.delivery.sftp;

import static io.scheduledreports.delivery.sftp.TestDeliveries.artifact;
import static io.scheduledreports.delivery.sftp.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.SecretResolver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpChannelDeliveryTest {

    @TempDir
    Path root;

    private SftpTestServer server;
    private final Map<String, String> secrets = new HashMap<>();
    private final List<SftpChannel> channels = new java.util.ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new SftpTestServer(root);
        Files.createDirectories(root.resolve("outgoing"));
        secrets.put("finance-password", SftpTestServer.PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        channels.forEach(SftpChannel::close);
        server.close();
    }

    private SftpChannel channel(SftpConnection... connections) {
        SftpSettings.Builder builder = SftpSettings.builder()
                .secrets(name -> java.util.Optional.ofNullable(secrets.get(name)))
                .connectTimeout(Duration.ofSeconds(5))
                .authTimeout(Duration.ofSeconds(5))
                .ioTimeout(Duration.ofSeconds(10));
        for (SftpConnection c : connections) {
            builder.connection(c);
        }
        SftpChannel channel = SftpChannel.create(builder.build());
        channels.add(channel);
        return channel;
    }

    private SftpConnection finance(String hostKey) {
        return SftpConnection.withPassword(
                "finance", "127.0.0.1", server.port(), SftpTestServer.USER, "finance-password", hostKey);
    }

    private List<String> files(String dir) throws Exception {
        try (Stream<Path> list = Files.list(root.resolve(dir))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void uploadsTheFileUnderANameWithTheExecutionIdAndLeavesNoTemporaryFile() throws Exception {
        SftpChannel channel = channel(finance(server.fingerprint()));

        DeliveryResult result = channel.deliver(delivery(
                "sftp://finance/outgoing",
                "exec42",
                artifact("weekly-sales-2026-02-16.csv", "region,total\nEU,12\n"),
                1));

        assertThat(result.sent()).as("result %s", result).isTrue();
        assertThat(result.providerReference()).isEqualTo("sftp://finance/outgoing/weekly-sales-2026-02-16-exec42.csv");
        assertThat(files("outgoing")).containsExactly("weekly-sales-2026-02-16-exec42.csv");
        assertThat(Files.readString(root.resolve("outgoing/weekly-sales-2026-02-16-exec42.csv")))
                .isEqualTo("region,total\nEU,12\n");
    }

    @Test
    void aRepeatedDeliveryOfTheSameExecutionOverwritesTheSameFile() throws Exception {
        SftpChannel channel = channel(finance(server.fingerprint()));
        String big = "x".repeat(300_000);

        assertThat(channel.deliver(delivery("sftp://finance/outgoing", "exec7", artifact("r.csv", "first"), 1))
                        .sent())
                .isTrue();
        assertThat(channel.deliver(delivery("sftp://finance/outgoing", "exec7", artifact("r.csv", big), 2))
                        .sent())
                .isTrue();

        assertThat(files("outgoing")).containsExactly("r-exec7.csv");
        assertThat(Files.readString(root.resolve("outgoing/r-exec7.csv"))).isEqualTo(big);
    }

    @Test
    void writesToTheLoginDirectoryAndToAnAbsoluteDirectory() throws Exception {
        SftpChannel channel = channel(finance(server.publicKeyLine()));

        assertThat(channel.deliver(delivery("sftp://finance", "e1", artifact("a.csv", "1"), 1))
                        .sent())
                .isTrue();
        assertThat(channel.deliver(delivery("sftp://finance//outgoing/", "e2", artifact("b.csv", "2"), 1))
                        .sent())
                .isTrue();

        assertThat(Files.readString(root.resolve("a-e1.csv"))).isEqualTo("1");
        assertThat(Files.readString(root.resolve("outgoing/b-e2.csv"))).isEqualTo("2");
    }

    @Test
    void refusesAServerWhoseHostKeyIsNotThePinnedOne() throws Exception {
        KeyPair other = SftpTestServer.newKeyPair();
        String otherFingerprint = org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(other.getPublic());
        SftpChannel channel = channel(finance(otherFingerprint));

        DeliveryResult result =
                channel.deliver(delivery("sftp://finance/outgoing", "exec1", artifact("r.csv", "secret data"), 1));

        assertThat(result.sent()).isFalse();
        assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(result.message())
                .contains("host key " + server.fingerprint())
                .contains("not the pinned " + otherFingerprint);
        assertThat(files("outgoing")).isEmpty();
    }

    @Test
    void aRefusedPasswordIsAConfigurationErrorThatNamesTheSecretButNotItsValue() throws Exception {
        secrets.put("finance-password", "wrong-password");
        SftpChannel channel = channel(finance(server.fingerprint()));

        DeliveryResult result =
                channel.deliver(delivery("sftp://finance/outgoing", "exec1", artifact("r.csv", "x"), 1));

        assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(result.message())
                .contains("refused the credentials of user 'reports'")
                .contains("finance-password")
                .doesNotContain("wrong-password");
        assertThat(files("outgoing")).isEmpty();
    }

    @Test
    void logsInWithAPrivateKeyFromASecret() throws Exception {
        KeyPair clientKey = SftpTestServer.newKeyPair();
        server.authorize(clientKey.getPublic());
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "reports", null, pem);
        secrets.put("archive-key", pem.toString(StandardCharsets.UTF_8));
        SftpChannel channel = channel(SftpConnection.withPrivateKey(
                "archive", "127.0.0.1", server.port(), SftpTestServer.USER, "archive-key", null, server.fingerprint()));

        DeliveryResult result = channel.deliver(delivery("sftp://archive/outgoing", "k1", artifact("r.csv", "key"), 1));

        assertThat(result.sent()).as("result %s", result).isTrue();
        assertThat(Files.readString(root.resolve("outgoing/r-k1.csv"))).isEqualTo("key");
    }

    @Test
    void aServerThatIsDownIsRetryableAndTheRetryDeliversExactlyOneFile() throws Exception {
        SftpChannel channel = channel(finance(server.fingerprint()));
        server.stop();

        DeliveryResult down = channel.deliver(delivery("sftp://finance/outgoing", "exec9", artifact("r.csv", "v"), 1));

        assertThat(down.sent()).isFalse();
        assertThat(down.category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(down.category().isTransientByDefault()).isTrue();
        assertThat(down.message()).contains("connection refused").contains("127.0.0.1:" + server.port());

        server.start();
        DeliveryResult up = channel.deliver(delivery("sftp://finance/outgoing", "exec9", artifact("r.csv", "v"), 2));

        assertThat(up.sent()).as("result %s", up).isTrue();
        assertThat(files("outgoing")).containsExactly("r-exec9.csv");
    }

    @Test
    void aMissingDirectoryIsAConfigurationErrorAndLeavesNothingBehind() throws Exception {
        SftpChannel channel = channel(finance(server.fingerprint()));

        DeliveryResult result = channel.deliver(delivery("sftp://finance/nowhere", "exec1", artifact("r.csv", "x"), 1));

        assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(result.message()).contains("refused the upload");
        assertThat(Files.exists(root.resolve("nowhere"))).isFalse();
    }

    @Test
    void validatesDestinationsAgainstTheConfiguredConnectionsAndSecrets() {
        SftpChannel channel = channel(finance(server.fingerprint()));

        channel.validateRecipient(Recipient.of("sftp", "sftp://finance/outgoing"));
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("sftp", "sftp://payroll/outgoing")))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("recipients.destination"))
                .hasMessage("recipients.destination: unknown SFTP connection 'payroll'; configured: [finance]");
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("sftp", "ftp://finance/outgoing")))
                .hasMessageStartingWith("recipients.destination: must be sftp://<connection>/<directory>");
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("sftp", "sftp://finance/../etc")))
                .hasMessageContaining("'..' segments");
        assertThatThrownBy(() -> channel.validateRecipient(
                        new Recipient(null, "sftp", "sftp://finance/outgoing", Map.of("mode", "0644"))))
                .hasMessageStartingWith("recipients.options.mode:");

        secrets.remove("finance-password");
        assertThatThrownBy(() -> channel.validateRecipient(Recipient.of("sftp", "sftp://finance/outgoing")))
                .hasMessage("recipients.destination: SFTP connection 'finance' needs secret 'finance-password',"
                        + " which the secret resolver does not know");
    }

    @Test
    void theConnectionCheckLogsInAndWritesAProbeThatItRemoves() throws Exception {
        SftpChannel channel = channel(finance(server.fingerprint()));

        ConnectionCheck ok = channel.checkConnection("sftp://finance/outgoing");
        ConnectionCheck missing = channel.checkConnection("sftp://finance/nowhere");

        assertThat(ok.ok()).as("check %s", ok).isTrue();
        assertThat(ok.details()).containsEntry("server", "127.0.0.1:" + server.port());
        assertThat(files("outgoing")).isEmpty();
        assertThat(missing.status()).isEqualTo(ConnectionCheck.Status.FAILED);
        assertThat(missing.category()).isEqualTo(ErrorCategory.CONFIGURATION);

        secrets.put("finance-password", "wrong");
        ConnectionCheck refused = channel.checkConnection("sftp://finance/outgoing");
        assertThat(refused.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(refused.toString()).doesNotContain("wrong\"").doesNotContain("=wrong");
    }

    @Test
    void theHealthCheckLogsInWithoutWritingAndTheRateKeyIsTheConnection() throws Exception {
        SftpChannel channel = channel(finance(server.fingerprint()));

        assertThat(channel.healthCheck("finance").ok()).isTrue();
        ConnectionCheck configuration = channel.checkConfiguration();
        assertThat(configuration.ok()).as("%s", configuration).isTrue();
        assertThat(configuration.details()).containsEntry("connection.finance", "ok");
        assertThat(files("outgoing")).isEmpty();
        assertThat(channel.rateKey(Recipient.of("sftp", "sftp://finance/outgoing")))
                .isEqualTo("finance");
        assertThatThrownBy(() -> channel.healthCheck("payroll"))
                .hasMessage("connection: unknown SFTP connection 'payroll'; configured: [finance]");

        server.stop();
        ConnectionCheck down = channel.healthCheck("finance");
        assertThat(down.category()).isEqualTo(ErrorCategory.NETWORK);
        ConnectionCheck configurationDown = channel.checkConfiguration();
        assertThat(configurationDown.category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(configurationDown.message()).startsWith("SFTP connections failed: finance (");
    }

    @Test
    void settingsAndConnectionsNameTheBadSetting() {
        assertThatThrownBy(() -> SftpConnection.withPassword("finance", "h", 0, "u", "p", "SHA256:x"))
                .hasMessage("sftp.connections.finance.port: must be 1-65535, was 0");
        assertThatThrownBy(() -> new SftpConnection("finance", "h", 22, "u", null, null, null, server.fingerprint()))
                .hasMessage("sftp.connections.finance.password-secret: exactly one of password-secret and"
                        + " private-key-secret must be set, was neither");
        assertThatThrownBy(() -> SftpConnection.withPassword("finance", "h", 22, "u", "p", ""))
                .hasMessageStartingWith("sftp.connections.finance.host-key: must be the server's public key");
        assertThatThrownBy(() -> SftpConnection.withPassword("finance", "h", 22, "u", "p", "ssh-rsa notbase64"))
                .hasMessageStartingWith("sftp.connections.finance.host-key: not a public key line");
        assertThatThrownBy(() -> SftpSettings.builder().connectTimeout(Duration.ZERO))
                .hasMessage("sftp.connect-timeout: must be between 1ms and 1h, was 0s");
        assertThatThrownBy(() -> SftpSettings.builder()
                        .connection(finance(server.fingerprint()))
                        .connection(finance(server.fingerprint())))
                .hasMessage("sftp.connections.finance: a connection of this name was already added");
        assertThat(SecretResolver.none().contains("x")).isFalse();
    }
}
