package io.scheduledreports.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.delivery.http.OutboundPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void toBuilderRoundTripsAndChangesOnlyWhatIsSet() {
        WebhookSettings base = WebhookSettings.builder()
                .policy(OutboundPolicy.builder().allowPlainHttp(true).build())
                .callTimeout(Duration.ofSeconds(40))
                .maxFileSize(1234)
                .maxErrorBody(100)
                .defaultSigningSecret("webhook-secret")
                .build();

        assertThat(base.toBuilder().build()).isEqualTo(base);
        WebhookSettings changed = base.toBuilder().maxErrorBody(200).build();
        assertThat(changed.maxErrorBody()).isEqualTo(200);
        assertThat(changed)
                .isEqualTo(new WebhookSettings(
                        base.policy(),
                        base.secrets(),
                        base.connectTimeout(),
                        base.readTimeout(),
                        base.callTimeout(),
                        base.maxFileSize(),
                        base.maxRetryAfter(),
                        200,
                        base.defaultSigningSecret(),
                        base.sslContext(),
                        base.clock()));
    }

    @Test
    void ofDefaultsIsTheBuilderWithNothingSet() {
        assertThat(WebhookSettings.ofDefaults().maxErrorBody()).isEqualTo(WebhookSettings.DEFAULT_MAX_ERROR_BODY);
        assertThat(WebhookSettings.ofDefaults().policy().allowsPlainHttp()).isFalse();
    }
}
