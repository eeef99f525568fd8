package io.scheduledreports.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretResolverTest {

    @Test
    void mapResolverAnswersOnlyItsNames() {
        SecretResolver secrets = SecretResolver.of(Map.of("slack.bot", "xoxb-1"));
        assertThat(secrets.resolve("slack.bot")).contains("xoxb-1");
        assertThat(secrets.contains("other")).isFalse();
        assertThat(secrets.resolve(null)).isEmpty();
    }

    @Test
    void unknownRequiredSecretNamesTheSecretButNoValue() {
        SecretResolver secrets = SecretResolver.of(Map.of("known", "s3cr3t"));
        assertThatThrownBy(() -> secrets.require("hook.key"))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageContaining("'hook.key'")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void functionResolverMapsNamesToUpperCaseVariables() {
        Map<String, String> env = Map.of("REPORTS_SECRET_SLACK_BOT_TOKEN", "xoxb-2", "REPORTS_SECRET_EMPTY", "");
        SecretResolver secrets = SecretResolver.fromFunction("REPORTS_SECRET_", env::get);
        assertThat(secrets.resolve("slack.bot-token")).contains("xoxb-2");
        assertThat(secrets.resolve("empty"))
                .as("an empty variable is no secret")
                .isEmpty();
        assertThat(secrets.resolve("")).isEmpty();
    }

    @Test
    void orElseConsultsTheFallbackOnlyForUnknownNames() {
        SecretResolver first = SecretResolver.of(Map.of("a", "1"));
        SecretResolver both = first.orElse(SecretResolver.of(Map.of("a", "other", "b", "2")));
        assertThat(both.resolve("a")).contains("1");
        assertThat(both.resolve("b")).contains("2");
        assertThat(SecretResolver.none().contains("a")).isFalse();
    }
}
