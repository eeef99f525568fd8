package io.scheduledreports.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmailSettingsTest {

    private EmailSettings.Builder minimal() {
        return EmailSettings.builder().host("smtp.example.com").from("reports@example.com");
    }

    @Test
    void hasTheDocumentedDefaults() {
        EmailSettings settings = minimal().build();

        assertThat(settings.port()).isEqualTo(587);
        assertThat(settings.security()).isEqualTo(SmtpSecurity.STARTTLS_REQUIRED);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxAttachmentSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.compressAttachments()).isFalse();
        assertThat(settings.maxIdleConnections()).isEqualTo(2);
        assertThat(settings.connectionIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.defaultSubject()).isEqualTo("{report_name} - {date}");
        assertThat(settings.defaultBody()).isEqualTo(EmailTemplates.DEFAULT_BODY);
        assertThat(settings.username()).isEmpty();
        assertThat(settings.fromName()).isEmpty();
        assertThat(settings.replyTo()).isEmpty();
        assertThat(settings.sessionProperties()).isEmpty();
    }

    @Test
    void smtpsDefaultsToPort465() {
        assertThat(minimal().security(SmtpSecurity.SMTPS).build().port()).isEqualTo(465);
        assertThat(minimal().security(SmtpSecurity.SMTPS).port(2465).build().port())
                .isEqualTo(2465);
    }

    @Test
    void requiresHostAndFrom() {
        assertThatThrownBy(() -> EmailSettings.builder().from("a@example.com").build())
                .hasMessage("email.host: is required");
        assertThatThrownBy(
                        () -> EmailSettings.builder().host("smtp.example.com").build())
                .hasMessage("email.from: is required");
    }

    @Test
    void requiresUsernameAndPasswordTogether() {
        assertThatThrownBy(() -> minimal().username("reports").build())
                .hasMessage("email.password: is required when a username is set");
        assertThatThrownBy(() -> minimal().password("pw").build())
                .hasMessage("email.username: is required when a password is set");
    }

    @Test
    void namesTheSettingInEveryRefusal() {
        assertThatThrownBy(() -> minimal().port(0)).hasMessage("email.port: must be 1-65535, was 0");
        assertThatThrownBy(() -> minimal().host("smtp example.com"))
                .hasMessage("email.host: must be a host name or IP address, was 'smtp example.com'");
        assertThatThrownBy(() -> minimal().from("Reports <reports@example.com>"))
                .hasMessageStartingWith("email.from: must be a plain address");
        assertThatThrownBy(() -> minimal().replyTo("help@example.com\r\nBcc: x@example.com"))
                .hasMessageStartingWith("email.reply-to: must not contain control characters");
        assertThatThrownBy(() -> minimal().fromName("Reports\nBcc: x@example.com"))
                .hasMessageStartingWith("email.from-name: must not contain control characters");
        assertThatThrownBy(() -> minimal().connectTimeout(Duration.ZERO))
                .hasMessage("email.connect-timeout: must be positive and at most 1h, was 0s");
        assertThatThrownBy(() -> minimal().readTimeout(Duration.ofHours(2)))
                .hasMessage("email.read-timeout: must be positive and at most 1h, was 2h");
        assertThatThrownBy(() -> minimal().writeTimeout(null)).hasMessage("email.write-timeout: must not be null");
        assertThatThrownBy(() -> minimal().maxAttachmentSize(-1))
                .hasMessage("email.max-attachment-size: must be 0 (always link) or more bytes, was -1");
        assertThatThrownBy(() -> minimal().maxIdleConnections(65))
                .hasMessage("email.max-idle-connections: must be 0-64, was 65");
        assertThatThrownBy(() -> minimal().connectionIdleTimeout(Duration.ofMinutes(6)))
                .hasMessage("email.connection-idle-timeout: must be 0 to 5m, was 6m");
        assertThatThrownBy(() -> minimal().defaultSubject("{nope}"))
                .hasMessageStartingWith("email.default-subject: unknown variable {nope}; known: ");
        assertThatThrownBy(() -> minimal().defaultBody("{")).hasMessageStartingWith("email.default-body: unclosed '{'");
        assertThatThrownBy(() -> minimal().sessionProperty("smtp.host", "x"))
                .hasMessage("email.session-properties: name must start with 'mail.', was 'smtp.host'");
        assertThatThrownBy(() -> minimal().security(null))
                .hasMessage("email.security: must be one of NONE, STARTTLS_OPTIONAL, STARTTLS_REQUIRED, SMTPS");
    }

    @Test
    void neverPrintsThePassword() {
        EmailSettings settings =
                minimal().username("reports").password("s3cret!").build();

        assertThat(settings.toString())
                .contains("username=reports")
                .contains("password=******")
                .doesNotContain("s3cret!");
        try (EmailChannel channel = EmailChannel.create(settings)) {
            assertThat(channel.toString()).doesNotContain("s3cret!");
        }
    }

    @Test
    void derivesChangedSettingsWithoutTouchingTheOriginal() {
        EmailSettings original = minimal()
                .fromName("Reports")
                .sessionProperty("mail.smtp.localhost", "app1")
                .build();

        EmailSettings changed = original.toBuilder().port(2525).build();

        assertThat(changed.port()).isEqualTo(2525);
        assertThat(changed.fromName()).contains("Reports");
        assertThat(changed.sessionProperties()).containsEntry("mail.smtp.localhost", "app1");
        assertThat(original.port()).isEqualTo(587);
    }
}
