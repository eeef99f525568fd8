package io.scheduledreports.delivery.email;

import static io.scheduledreports.delivery.email.RecipientType.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SMTP authentication against GreenMail, which checks passwords of the users it knows. */
class EmailChannelAuthenticationTest {

    @RegisterExtension
    final GreenMailExtension smtp = GreenMailExtension.smtpWithUser("reports@example.com", "reports", "s3cret!");

    private final TestDeliveries deliveries = TestDeliveries.of(TO.recipient("alice@example.com"));

    @Test
    void sendsWithTheRightPassword() throws Exception {
        try (EmailChannel channel = EmailChannel.create(
                smtp.settings().username("reports").password("s3cret!").build())) {
            assertThat(channel.deliver(deliveries.to("alice@example.com")).sent())
                    .isTrue();
            assertThat(channel.healthCheck().up()).isTrue();
            ConnectionCheck check = channel.checkConnection("ops@example.com");
            assertThat(check.ok()).as("check %s", check).isTrue();
            ConnectionCheck configuration = channel.checkConfiguration();
            assertThat(configuration.ok()).as("check %s", configuration).isTrue();
            assertThat(configuration.message())
                    .isEqualTo("SMTP server 127.0.0.1:" + smtp.port() + " accepted the connection");
            assertThat(check.details()).containsEntry("server", "127.0.0.1:" + smtp.port());
            assertThatThrownBy(() -> channel.checkConnection("not an address"))
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("destination"));
        }

        assertThat(smtp.only("alice@example.com").getSubject()).isEqualTo("Weekly sales - 2026-03-02");
    }

    @Test
    void aWrongPasswordIsAConfigurationFailureAndThePasswordIsNeverShown() {
        DeliveryResult result;
        EmailHealth health;
        ConnectionCheck check;
        ConnectionCheck configuration;
        try (EmailChannel channel = EmailChannel.create(
                smtp.settings().username("reports").password("wrong-pw").build())) {
            result = channel.deliver(deliveries.to("alice@example.com"));
            health = channel.healthCheck();
            check = channel.checkConnection("ops@example.com");
            configuration = channel.checkConfiguration();
        }
        assertThat(configuration.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(configuration.message()).contains("refused the credentials").doesNotContain("wrong-pw");
        assertThat(check.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(check.message()).contains("refused the credentials").doesNotContain("wrong-pw");
        assertThat(check.details().toString()).doesNotContain("wrong-pw");

        assertThat(result.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(result.message())
                .startsWith("SMTP server 127.0.0.1:" + smtp.port() + " refused the credentials of user 'reports' (")
                .endsWith("check email.username and email.password")
                .doesNotContain("wrong-pw");
        assertThat(health.up()).isFalse();
        assertThat(health.details()).containsEntry("category", "CONFIGURATION");
        assertThat(health.details().toString()).doesNotContain("wrong-pw");
        assertThat(smtp.all()).isEmpty();
    }
}
