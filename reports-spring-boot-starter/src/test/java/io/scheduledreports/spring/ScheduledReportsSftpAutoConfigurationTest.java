package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.delivery.sftp.SftpChannel;
import io.scheduledreports.delivery.sftp.SftpSettings;
import io.scheduledreports.spi.SecretResolver;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import io.scheduledreports.spring.internal.actuate.SftpConnectionsHealth;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ScheduledReportsSftpAutoConfigurationTest {

    @TempDir
    Path artifacts;

    @TempDir
    Path sftpRoot;

    SshServer server;
    String fingerprint;

    @BeforeEach
    void startServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair hostKey = generator.generateKeyPair();
        fingerprint = KeyUtils.getFingerPrint(hostKey.getPublic());
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> "reports".equals(user) && "pw".equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop(true);
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        ScheduledReportsAutoConfiguration.class,
                        ScheduledReportsSftpAutoConfiguration.class,
                        ScheduledReportsChannelRateLimitsAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.disk-guard.enabled=false",
                        "scheduled-reports.polling-interval=100ms");
    }

    private ApplicationContextRunner withFinance() {
        return runner().withPropertyValues(
                        "scheduled-reports.sftp.connections.finance.host=127.0.0.1",
                        "scheduled-reports.sftp.connections.finance.port=" + server.getPort(),
                        "scheduled-reports.sftp.connections.finance.username=reports",
                        "scheduled-reports.sftp.connections.finance.password-secret=finance-pw",
                        "scheduled-reports.sftp.connections.finance.host-key=" + fingerprint,
                        "scheduled-reports.secrets.finance-pw=pw");
    }

    @Test
    void registersTheSftpChannelWhenAConnectionIsConfigured() {
        withFinance().run(context -> {
            assertThat(context).hasSingleBean(SftpChannel.class);
            assertThat(context.getBean(ScheduledReports.class).channels()).contains("sftp");
            SftpChannel channel = context.getBean(SftpChannel.class);
            assertThat(channel.settings().connections()).containsOnlyKeys("finance");
            assertThat(channel.checkConnection("sftp://finance").ok()).isTrue();
        });
    }

    @Test
    void noConnectionNoChannel() {
        runner().run(context -> assertThat(context).doesNotHaveBean(SftpChannel.class));
        withFinance()
                .withPropertyValues("scheduled-reports.sftp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SftpChannel.class));
        withFinance()
                .withClassLoader(new FilteredClassLoader(SftpChannel.class))
                .run(context -> assertThat(context).doesNotHaveBean(SftpChannel.class));
    }

    @Test
    void aSecretResolverBeanIsUsedInsteadOfProperties() {
        withFinance()
                .withPropertyValues("scheduled-reports.secrets.finance-pw=wrong")
                .withBean(SecretResolver.class, () -> SecretResolver.of(Map.of("finance-pw", "pw")))
                .run(context -> assertThat(context.getBean(SftpChannel.class)
                                .checkConnection("sftp://finance")
                                .ok())
                        .isTrue());
    }

    @Test
    void aBadConnectionStopsTheStartNamingTheProperty() {
        withFinance()
                .withPropertyValues("scheduled-reports.sftp.connections.finance.port=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    InvalidPropertyException e = find(context.getStartupFailure(), InvalidPropertyException.class);
                    assertThat(e).isNotNull();
                    assertThat(e.property()).isEqualTo("scheduled-reports.sftp.connections.finance.port");
                    assertThat(e.problem()).isEqualTo("must be 1-65535, was 0");
                });
        withFinance()
                .withPropertyValues("scheduled-reports.sftp.connections.finance.host-key=")
                .run(context -> assertThat(find(context.getStartupFailure(), InvalidPropertyException.class)
                                .property())
                        .isEqualTo("scheduled-reports.sftp.connections.finance.host-key"));
    }

    @Test
    void theDocumentedDefaultsAreTheLibrarys() {
        ScheduledReportsSftpProperties p = new ScheduledReportsSftpProperties();
        assertThat(p.getConnectTimeout()).isEqualTo(SftpSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(p.getAuthTimeout()).isEqualTo(SftpSettings.DEFAULT_AUTH_TIMEOUT);
        assertThat(p.getIoTimeout()).isEqualTo(SftpSettings.DEFAULT_IO_TIMEOUT);
        assertThat(new ScheduledReportsSftpProperties.Connection().getPort()).isEqualTo(22);
        assertThat(new ScheduledReportsChannelRateLimitProperties.Limit().getWindow())
                .isEqualTo(ChannelRateLimit.DEFAULT_WINDOW);
    }

    @Test
    void connectionHealthIsCachedForItsTimeToLive() throws Exception {
        withFinance().run(context -> {
            SftpChannel channel = context.getBean(SftpChannel.class);
            AtomicLong nanos = new AtomicLong();
            var health = (CompositeHealthContributor)
                    SftpConnectionsHealth.contributor(channel, Duration.ofSeconds(30), nanos::get);
            HealthIndicator finance = (HealthIndicator) health.getContributor("finance");

            assertThat(finance.health().getStatus()).isEqualTo(Status.UP);
            assertThat(finance.health().getDetails()).containsEntry("server", "127.0.0.1:" + server.getPort());
            server.stop(true);
            nanos.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(finance.health().getStatus()).as("cached").isEqualTo(Status.UP);
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(finance.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(finance.health().getDetails().toString())
                    .doesNotContain("pw,")
                    .contains("category=NETWORK");
        });
    }

    @Test
    void channelRateLimitsFromPropertiesReachTheBuilder() {
        runner().withPropertyValues("scheduled-reports.channel-rate-limits.fax.max-sends=5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("channelRateLimit.channel: unknown channel 'fax'");
                });
        runner().withPropertyValues("scheduled-reports.channel-rate-limits.email.max-sends=0")
                .run(context -> {
                    InvalidPropertyException e = find(context.getStartupFailure(), InvalidPropertyException.class);
                    assertThat(e.property()).isEqualTo("scheduled-reports.channel-rate-limits.email.max-sends");
                });
        withFinance()
                .withPropertyValues(
                        "scheduled-reports.channel-rate-limits.sftp.max-sends=10",
                        "scheduled-reports.channel-rate-limits.sftp.window=30s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
