package io.scheduledreports.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook and Slack examples run against their local servers and deliver what they claim. */
class OutboundChannelExamplesTest {

    @Test
    void webhookMainDeliversOneSignedEvent() throws Exception {
        List<WebhookMain.Received> received = WebhookMain.run();

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.json()).contains("\"type\":\"scheduled_report.ready\"", "\"row_count\":2");
        });
    }

    @Test
    void slackMainUploadsTheFileAndSharesItIntoTheChannel() throws Exception {
        List<String> calls = SlackMain.run();

        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).startsWith("POST /api/files.getUploadURLExternal");
        assertThat(calls.get(1)).startsWith("POST /upload/F1");
        assertThat(calls.get(2)).startsWith("POST /api/files.completeUploadExternal");
    }
}
