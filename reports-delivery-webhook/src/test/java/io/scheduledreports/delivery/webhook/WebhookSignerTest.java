package io.scheduledreports.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void matchesTheStandardWebhooksReferenceSignature() {
        // the example of the Standard Webhooks specification and its reference libraries
        WebhookSigner signer = WebhookSigner.fromSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature = signer.sign(
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void acceptsTheSecretWithoutItsPrefix() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSigner.fromSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign("id", 1, body))
                .isEqualTo(WebhookSigner.fromSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                        .sign("id", 1, body));
    }

    @Test
    void refusesSecretsThatAreNotBase64OrTooShortWithoutEchoingThem() {
        assertThatThrownBy(() -> WebhookSigner.fromSecret("whsec_not*base64!"))
                .hasMessageContaining("base64")
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> WebhookSigner.fromSecret("whsec_c2hvcnQ=")).hasMessageContaining("at least 24 bytes");
    }
}
