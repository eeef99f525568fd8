package io.scheduledreports.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upcoming runs the README shows for each schedule form. */
class BusinessDaySchedulesMainTest {
    private static List<String> runsOf(Map<String, List<String>> all, String fragment) {
        return all.entrySet().stream()
                .filter(e -> e.getKey().contains(fragment))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    @Test
    void showsHolidayMovesAndBusinessDays() {
        Map<String, List<String>> runs = BusinessDaySchedulesMain.run();

        assertThat(runs)
                .hasSize(22)
                .allSatisfy((json, list) -> assertThat(list).as(json).hasSize(json.contains("\"once\"") ? 1 : 4));
        // January 1st 2027 is a Friday holiday: business days start on Monday the 4th.
        assertThat(runsOf(runs, "\"business_days\": true, \"time\": \"07:00\", \"timezone\": \"America/New_York\""))
                .containsExactly(
                        "Mon 2027-01-04 07:00 -05:00",
                        "Tue 2027-01-05 07:00 -05:00",
                        "Wed 2027-01-06 07:00 -05:00",
                        "Thu 2027-01-07 07:00 -05:00");
        // Friday and Saturday are the weekend, Sunday the 3rd a holiday.
        assertThat(runsOf(runs, "\"gulf\""))
                .containsExactly(
                        "Mon 2027-01-04 07:00 +04:00",
                        "Tue 2027-01-05 07:00 +04:00",
                        "Wed 2027-01-06 07:00 +04:00",
                        "Thu 2027-01-07 07:00 +04:00");
        assertThat(runsOf(runs, "first_business_day"))
                .containsExactly(
                        "Mon 2027-01-04 09:00 -05:00",
                        "Mon 2027-02-01 09:00 -05:00",
                        "Mon 2027-03-01 09:00 -05:00",
                        "Thu 2027-04-01 09:00 -04:00");
        // Martin Luther King Day, Monday 2027-01-18.
        assertThat(runsOf(runs, "NEXT_BUSINESS_DAY")).contains("Tue 2027-01-19 09:00 -05:00");
        assertThat(runsOf(runs, "PREVIOUS_BUSINESS_DAY")).contains("Fri 2027-01-15 09:00 -05:00");
        assertThat(runsOf(runs, "SKIP"))
                .doesNotContain("Mon 2027-01-18 09:00 -05:00")
                .hasSize(4);
        // 02:30 on Sunday 2027-03-14 does not exist in New York: the run is at 03:30 EDT.
        assertThat(runsOf(runs, "SUN#2")).contains("Sun 2027-03-14 03:30 -04:00");
    }

    /** The README's "Schedules" section shows every form this prints, each with exactly these runs. */
    @Test
    void theReadmeShowsEveryFormWithTheseRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Schedules");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Map<String, List<String>> shown = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : section.split("\n")) {
            if (line.startsWith("{\"cadence\"")) {
                current = new ArrayList<>();
                shown.put(line.strip(), current);
            } else if (line.startsWith("→ ") && current != null) {
                current.add(line.substring(2).strip());
            } else {
                current = null;
            }
        }

        assertThat(shown).isEqualTo(BusinessDaySchedulesMain.run());
    }
}
