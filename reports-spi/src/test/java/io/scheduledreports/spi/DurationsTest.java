package io.scheduledreports.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void printsDurationsAsUsersTypeThem() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(50))).isEqualTo("50ms");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(90))).isEqualTo("90d");
        assertThat(Durations.format(Duration.ofDays(1).plusSeconds(1).plusMillis(5)))
                .isEqualTo("1d1s5ms");
        assertThat(Durations.format(Duration.ofNanos(1500))).isEqualTo("1500ns");
        assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("-5s");
        assertThat(Durations.format(Duration.ofMillis(-1500))).isEqualTo("-1s500ms");
        // Duration.negated() would overflow here (found by BuilderFuzzTest)
        assertThat(Durations.format(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo("-106751991167300d15h30m8s");
        assertThat(Durations.format(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
                .isEqualTo("106751991167300d15h30m7s999999999ns");
    }

    @Test
    void refusesNull() {
        assertThatNullPointerException()
                .isThrownBy(() -> Durations.format(null))
                .withMessage("duration");
    }
}
