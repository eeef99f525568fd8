package io.scheduledreports.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.benchmarks.harness.Args;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's choices that need no database. */
class SuiteTest {

    @Test
    void theShortVariantNeverRestartsADatabaseServer() {
        assertThat(Suite.all().stream().filter(Scenario::longOnly).map(Scenario::id))
                .containsExactly("db-restart");
    }

    @Test
    void restartsTheServerOfTheUrlWithItsOwnTools() {
        assertThat(DatabaseRestartScenario.restartCommand("jdbc:postgresql://127.0.0.1:5432/test"))
                .containsExactly("pg_ctlcluster", "15", "main", "restart");
        assertThat(DatabaseRestartScenario.restartCommand("jdbc:mariadb://127.0.0.1:3306/test"))
                .startsWith("sh", "-c")
                .last()
                .asString()
                .contains("mariadb-admin -uroot shutdown", "service mariadb start", "ping");
    }

    @Test
    void refusesAnUnknownScenarioNamingTheKnownOnes() {
        assertThatThrownBy(() -> Suite.run(Args.parse("kill-10", "--results-dir=target/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown 'kill-10'")
                .hasMessageContaining("kill-9");
    }

    @Test
    void runsOnlyTheScenariosThatSupportItOnTheS3Store() {
        assertThat(Suite.all().stream()
                        .filter(s -> s.stores().contains(Scenario.Context.S3))
                        .map(Scenario::id))
                .containsExactly("backup-restore");
        assertThatThrownBy(() -> Suite.run(Args.parse("kill-9", "--store=s3", "--results-dir=target/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--store=s3")
                .hasMessageContaining("kill-9");
        assertThatThrownBy(() -> Suite.run(Args.parse("backup-restore", "--store=gcs", "--results-dir=target/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--store=gcs");
    }

    @Test
    void percentilesAreTheNearestRank() {
        assertThat(Trial.percentile(List.of(1.0, 2.0, 3.0, 4.0), 0.5)).isEqualTo(2.0);
        assertThat(Trial.percentile(List.of(1.0, 2.0, 3.0, 4.0), 0.99)).isEqualTo(4.0);
        assertThat(Trial.percentile(List.of(), 0.5)).isNull();
    }
}
