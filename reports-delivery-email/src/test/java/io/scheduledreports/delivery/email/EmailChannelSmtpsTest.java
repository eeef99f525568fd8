package io.scheduledreports.delivery.email;

import static io.scheduledreports.delivery.email.RecipientType.TO;
import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Implicit TLS against GreenMail's SMTPS server, whose certificate is self-signed. */
class EmailChannelSmtpsTest {

    @RegisterExtension
    final GreenMailExtension smtps = GreenMailExtension.smtps();

    private final TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"));

    @Test
    void sendsOverTlsWhenTheCertificateIsTrusted() throws Exception {
        EmailSettings settings = smtps.settings()
                .security(SmtpSecurity.SMTPS)
                .sessionProperty("mail.smtp.ssl.trust", "127.0.0.1")
                .sessionProperty("mail.smtp.ssl.checkserveridentity", "false")
                .build();

        try (EmailChannel channel = EmailChannel.create(settings)) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
        }

        assertThat(smtps.only("alice@example.com").getSubject()).isEqualTo("Weekly sales - 2026-03-02");
    }

    @Test
    void anUntrustedCertificateIsAConfigurationFailure() {
        DeliveryResult result;
        try (EmailChannel channel = EmailChannel.create(
                smtps.settings().security(SmtpSecurity.SMTPS).build())) {
            result = channel.deliver(deliveries.to("alice@example.com"));
        }

        assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(result.message()).startsWith("TLS handshake with SMTP server 127.0.0.1:" + smtps.port() + " failed");
    }
}
