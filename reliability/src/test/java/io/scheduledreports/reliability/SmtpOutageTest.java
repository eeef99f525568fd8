package io.scheduledreports.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3, short: the SMTP server is down while six reports fall due (two engine processes), then comes back.
 * Everything is delivered once, the failed attempts are in the history, nothing is dead-lettered.
 */
class SmtpOutageTest {

    @Test
    void everythingIsDeliveredOnceAfterTheOutageWithRetriesInTheHistory() throws Exception {
        Map<String, Object> r = new SmtpOutageScenario().run(ScenarioSupport.shortVariant());

        assertThat(r.get("sent_during_outage")).as("%s", r).isEqualTo(0L);
        assertThat(r.get("deliveries_sent")).as("%s", r).isEqualTo((long) SmtpOutageScenario.SHORT_SCHEDULES);
        assertThat(r.get("lost")).as("%s", r).isEqualTo(0);
        assertThat(r.get("emails_duplicate_same_key")).as("%s", r).isEqualTo(0);
        assertThat((Long) r.get("deliveries_retried"))
                .as("failed attempts are in the history: %s", r)
                .isPositive();
        assertThat(r.get("dead_letters"))
                .as("the outage is shorter than the retry budget: %s", r)
                .isEqualTo(0L);
        assertThat(r.get("ok")).as("%s", r).isEqualTo(true);
    }
}
