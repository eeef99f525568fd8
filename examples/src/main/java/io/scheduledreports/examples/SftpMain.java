package io.scheduledreports.examples;

import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.TestDeliveryOutcome;
import io.scheduledreports.delivery.sftp.SftpChannel;
import io.scheduledreports.delivery.sftp.SftpConnection;
import io.scheduledreports.delivery.sftp.SftpSettings;
import io.scheduledreports.formats.Formatters;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.SecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Reports to an SFTP server: a local Apache MINA SSHD server stands in for the partner's. The connection is
 * configured once (host, user, the password by secret name, the server's pinned host key) and schedules name it in
 * their destinations, {@code sftp://finance/outgoing}. The server is down for the first attempt; the engine
 * retries and the file arrives once, named by the execution, written under a temporary name and renamed.
 */
public final class SftpMain {

    private SftpMain() {}

    public static void main(String[] args) throws Exception {
        run(Files.createTempDirectory("sftp-server")).forEach(System.out::println);
    }

    /** Runs a schedule to the local server and returns the files it holds afterwards. */
    public static List<Path> run(Path serverRoot) throws Exception {
        Files.createDirectories(serverRoot.resolve("outgoing"));
        KeyPair hostKey = ecKeyPair();
        SshServer server = sftpServer(serverRoot, hostKey, 0);
        int port = server.getPort();

        // --- the host's configuration: a named connection with a pinned host key; secrets by name
        SftpChannel sftp = SftpChannel.create(SftpSettings.builder()
                .connection(SftpConnection.withPassword(
                        "finance",
                        "127.0.0.1",
                        port,
                        "reports",
                        "finance-sftp-password",
                        KeyUtils.getFingerPrint(hostKey.getPublic()))) // as `ssh-keygen -lf` prints it
                .secrets(SecretResolver.of(Map.of("finance-sftp-password", "demo-password"))
                        .orElse(SecretResolver.environment("REPORTS_SECRET_")))
                .build());
        // ---

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sftp-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ScheduledReports.Builder builder = ScheduledReports.builder(dataSource)
                .reportType(ReportTypes.fromMaps(
                        "ledger",
                        List.of(Column.text("account"), Column.decimal("balance", 2)),
                        request -> Stream.of(
                                Map.of("account", "4000 Sales", "balance", new java.math.BigDecimal("125000.50")),
                                Map.of("account", "5000 Costs", "balance", new java.math.BigDecimal("-80000.00")))))
                .formatters(Formatters.defaults())
                .channel(sftp)
                .artifactDirectory(Files.createTempDirectory("sftp-artifacts"));
        try (sftp;
                ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-16T07:00:00Z"))) {
            ScheduledReports reports = kit.reports();
            Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
            Actor admin = Actor.of("acme", "root", Actor.ADMIN);

            ConnectionCheck check = reports.checkChannel(admin, "sftp", "sftp://finance/outgoing");
            System.out.println("Connection check: " + check.status() + " " + check.message());

            ScheduledReport schedule = reports.create(
                    alice,
                    ScheduleRequest.builder()
                            .name("Ledger")
                            .reportType("ledger")
                            .outputFormat("csv")
                            .schedule("{\"cadence\": \"daily\", \"time\": \"06:00\", \"timezone\": \"Europe/Berlin\"}")
                            .recipient("sftp", "sftp://finance/outgoing")
                            .build());

            server.stop(true); // the partner's server is down for the first attempt
            Execution run = reports.runNow(alice, schedule.id());
            kit.runDue();
            System.out.println("First attempt: "
                    + reports.execution(alice, run.id()).deliveries().get(0).lastError());

            server = sftpServer(serverRoot, hostKey, port); // back up; the retry delivers
            kit.advance(Duration.ofMinutes(20));
            System.out.println("Execution " + reports.execution(alice, run.id()).status());

            TestDeliveryOutcome test = reports.testDelivery(
                    alice, schedule.id(), schedule.recipients().get(0).id());
            System.out.println("Test delivery: " + (test.sent() ? "sent to " + test.providerReference() : test));
            try (Stream<Path> files = Files.walk(serverRoot)) {
                return files.filter(Files::isRegularFile).sorted().toList();
            }
        } finally {
            server.stop(true);
        }
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A local SFTP server for one user, on a directory. */
    private static SshServer sftpServer(Path root, KeyPair hostKey, int port) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(
                (user, password, session) -> "reports".equals(user) && "demo-password".equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        return server;
    }
}
