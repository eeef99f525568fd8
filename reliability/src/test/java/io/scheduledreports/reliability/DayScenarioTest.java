package io.scheduledreports.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.delivery.email.internal.MessageIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The day scenario's checks on a hand-made ledger (the scenario itself is Suite-only: it waits for whole minutes).
 * Each fault is planted once and must be counted once; slots outside the window are ignored.
 */
class DayScenarioTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(3));

    @Test
    void countsEveryPlantedFaultOnceAndIgnoresSlotsOutsideTheWindow() {
        List<Ledger.Exec> executions = new ArrayList<>();
        List<Ledger.Send> sends = new ArrayList<>();
        Map<String, Integer> received = new HashMap<>();
        // two schedules x three minutes = six slots owed; s2's last minute is missing
        for (String schedule : List.of("s1", "s2")) {
            for (int m = 0; m < 3; m++) {
                if (schedule.equals("s2") && m == 2) {
                    continue;
                }
                add(executions, sends, received, schedule, START.plus(Duration.ofMinutes(m)), "SUCCEEDED", 1);
            }
        }
        // s1's first minute a second time (a double slot), its e-mail received twice under one key
        add(executions, sends, received, "s1", START, "SUCCEEDED", 2);
        // a slot before the window, failed: not counted
        add(executions, sends, received, "s1", START.minus(Duration.ofMinutes(1)), "FAILED", 1);
        // an e-mail under a key the database does not know
        received.put(MessageIds.of("unknown-key"), 1);

        Map<String, Object> f =
                DayScenario.windowFacts(new Ledger(executions, sends, Map.of()), received, START, END, 6);

        assertThat(f.get("executions_in_window")).isEqualTo(6L);
        assertThat(f.get("missed_slots")).isEqualTo(1L);
        assertThat(f.get("slots_run_twice")).isEqualTo(1L);
        assertThat(f.get("executions_not_succeeded")).isEqualTo(0L);
        assertThat(f.get("emails_duplicate_same_key")).isEqualTo(1L);
        assertThat(f.get("emails_foreign")).isEqualTo(1L);
        // the missing slot has no delivery: one lost
        assertThat(f.get("emails_lost")).isEqualTo(1L);
        assertThat(f.get("lateness_p50_s")).isEqualTo(5.0);
    }

    private static void add(
            List<Ledger.Exec> executions,
            List<Ledger.Send> sends,
            Map<String, Integer> received,
            String schedule,
            Instant slot,
            String status,
            int timesReceived) {
        String id = "e" + executions.size();
        executions.add(new Ledger.Exec(id, "t", schedule, slot, "SCHEDULED", status, slot.plusSeconds(1), null, null));
        String key = "k" + id;
        sends.add(new Ledger.Send("d" + id, id, key, "SENT", 1, slot.plusSeconds(5)));
        received.put(MessageIds.of(key), timesReceived);
    }
}
