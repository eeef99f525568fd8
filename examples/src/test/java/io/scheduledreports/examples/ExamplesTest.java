package io.scheduledreports.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example runs, small, and shows what it claims. */
class ExamplesTest {

    @Test
    void quickStartGeneratesTheDailyCsv() throws Exception {
        String csv = QuickStartMain.run();
        assertThat(csv).contains("region,total").contains("North,1200.50").contains("South,980.00");
    }

    @Test
    void customReportTypeStreamsTheTenantsOrdersOfTheWindow() throws Exception {
        String csv = CustomReportTypeMain.run(200);
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("id,region,amount,placed_at");
        // 200 orders over 30 days, one every 3.6 hours: about 46 in 7 days, two thirds of them acme's.
        assertThat(lines.size() - 1).isBetween(25, 40);
    }

    @Test
    void customChannelDeliversToEachFolderAndRefusesBadDestinationsUpFront(@TempDir Path root) throws Exception {
        List<Path> files = CustomChannelMain.run(root);
        assertThat(files).hasSize(2);
        assertThat(files)
                .extracting(f -> f.getParent().getFileName().toString())
                .containsExactlyInAnyOrder("warehouse", "accounting");
        assertThat(files).allSatisfy(f -> {
            assertThat(f.getFileName().toString()).endsWith(".xlsx");
            assertThat(Files.size(f)).isPositive();
        });
    }

    @Test
    void sftpDeliversOnceAfterTheServerCameBackAndATestDeliveryIsMarked(@TempDir Path root) throws Exception {
        List<Path> files = SftpMain.run(root);

        assertThat(files)
                .extracting(f -> root.relativize(f).toString())
                .as("one report named by its execution, one marked test file, no temporary file")
                .hasSize(2)
                .allMatch(name -> name.startsWith("outgoing/ledger") && name.endsWith(".csv"))
                .filteredOn(name -> name.contains("-test-"))
                .hasSize(1);
        assertThat(files).allSatisfy(f -> assertThat(Files.readString(f)).contains("4000 Sales"));
    }

    @Test
    void clusteredInstancesRunEachSlotOnce() throws Exception {
        ClusteringMain.Outcome outcome = ClusteringMain.run(Duration.ofSeconds(4));
        assertThat(outcome.runs())
                .as("runs in 4 seconds of an every-second schedule")
                .isBetween(2, 6);
        assertThat(outcome.distinctSlots()).as("no slot generated twice").isEqualTo(outcome.runs());
        assertThat(outcome.generatedBy().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(outcome.runs());
    }
}
