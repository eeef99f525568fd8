package io.scheduledreports.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportAuthorizerTest {

    @Test
    void allowAllIsOneInstanceThatAllowsEverything() {
        // the engine skips reading a run's recipients for it by identity
        assertThat(ReportAuthorizer.allowAll()).isSameAs(ReportAuthorizer.allowAll());
        assertThatCode(() -> ReportAuthorizer.allowAll()
                        .authorize(new Actor("t1", "u1", Set.of()), "sales", Map.of("region", "EU"), List.of()))
                .doesNotThrowAnyException();
        assertThat(ReportAuthorizer.allowAll()).hasToString("ReportAuthorizer.allowAll()");
    }
}
