package io.scheduledreports.delivery.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.spi.SecretResolver;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SftpSettingsTest {

    private static final String PIN = "SHA256:" + "A".repeat(43);

    @Test
    void toBuilderKeepsConnectionsSecretsAndTimeoutsAndAddsToACopy() {
        SecretResolver secrets = name -> Optional.of("pw-" + name);
        SftpSettings base = SftpSettings.builder()
                .connection(SftpConnection.withPassword("finance", "sftp.example.com", 22, "u", "finance-pw", PIN))
                .secrets(secrets)
                .connectTimeout(Duration.ofSeconds(3))
                .authTimeout(Duration.ofSeconds(4))
                .ioTimeout(Duration.ofSeconds(5))
                .build();

        SftpSettings more = base.toBuilder()
                .connection(SftpConnection.withPassword("hr", "hr.example.com", 2222, "v", "hr-pw", PIN))
                .ioTimeout(Duration.ofSeconds(50))
                .build();

        assertThat(more.connections()).containsOnlyKeys("finance", "hr");
        assertThat(more.secrets()).isSameAs(secrets);
        assertThat(Map.of("connect", more.connectTimeout(), "auth", more.authTimeout(), "io", more.ioTimeout()))
                .isEqualTo(Map.of(
                        "connect", Duration.ofSeconds(3), "auth", Duration.ofSeconds(4), "io", Duration.ofSeconds(50)));
        assertThat(base.connections()).as("the base is unchanged").containsOnlyKeys("finance");
        assertThat(base.ioTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
}
