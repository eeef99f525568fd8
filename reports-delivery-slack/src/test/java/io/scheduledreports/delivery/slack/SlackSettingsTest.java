package io.scheduledreports.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {

    @Test
    void toBuilderRoundTripsAndChangesOnlyWhatIsSet() {
        SlackSettings base = SlackSettings.builder()
                .apiBaseUrl(URI.create("https://slack.internal.example/api/"))
                .defaultBotToken("slack-bot")
                .maxFileSize(4096)
                .maxRetryAfter(Duration.ofMinutes(5))
                .build();

        assertThat(base.toBuilder().build()).isEqualTo(base);
        SlackSettings changed = base.toBuilder().maxFileSize(8192).build();
        assertThat(changed.maxFileSize()).isEqualTo(8192);
        assertThat(changed.apiBaseUrl()).isEqualTo(base.apiBaseUrl());
        assertThat(changed.defaultBotToken()).isEqualTo("slack-bot");
        assertThat(changed.maxRetryAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void ofDefaultsTalksToSlacksPublicApi() {
        assertThat(SlackSettings.ofDefaults().apiBaseUrl()).isEqualTo(SlackSettings.DEFAULT_API_BASE_URL);
        assertThat(SlackSettings.ofDefaults().defaultBotToken()).isNull();
    }
}
