package io.scheduledreports.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1, short: two engine processes, one killed with {@code kill -9} while it generates and delivers. The
 * assertions are on counts (what the database and the SMTP server saw), never on times: the machine may be busy.
 */
class KillNineTest {

    @Test
    void everyExecutionFinishesOnceAndEveryEmailArrivesWhenAnInstanceIsKilled() throws Exception {
        Map<String, Object> r = new KillScenario(false).run(ScenarioSupport.shortVariant());

        assertThat(r.get("tasks_held_by_killed_instance"))
                .as("the kill hit work in flight: %s", r)
                .isNotEqualTo(0L);
        assertThat(r.get("takeover_s"))
                .as("the survivor took the dead instance's work over: %s", r)
                .isNotNull();
        assertThat(r.get("slots_run_twice"))
                .as("no slot generated twice: %s", r)
                .isEqualTo(0L);
        assertThat(r.get("executions_succeeded"))
                .as("every execution finished: %s", r)
                .isEqualTo((long) KillScenario.SHORT_SCHEDULES);
        assertThat(r.get("lost"))
                .as("every delivery's key reached the SMTP server: %s", r)
                .isEqualTo(0);
        assertThat(r.get("emails_foreign"))
                .as("no e-mail under a key the database does not know: %s", r)
                .isEqualTo(0L);
        assertThat((Integer) r.get("emails_received"))
                .as("repeats only of a send the killed instance could not record: %s", r)
                .isEqualTo(KillScenario.SHORT_SCHEDULES + (Integer) r.get("emails_duplicate_same_key"));
        assertThat(r.get("ok")).as("%s", r).isEqualTo(true);
    }
}
