package io.scheduledreports.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Quartz's bundled PostgreSQL script, read from its jar and prefixed for one trial. */
class QuartzDdlTest {

    @Test
    void createsQuartzTablesAndIndexesUnderThePrefixOnly() {
        List<String> ddl = QuartzSystem.ddl("bm12345678_");

        assertThat(ddl.stream().filter(s -> s.startsWith("CREATE TABLE"))).hasSize(11);
        assertThat(ddl)
                .allMatch(s -> s.startsWith("CREATE TABLE bm12345678_qrtz_")
                        || s.matches("(?s)CREATE INDEX bm12345678_idx_qrtz_\\w+\\s+ON bm12345678_qrtz_.*"));
        assertThat(ddl).noneMatch(s -> s.startsWith("DROP") || s.equals("COMMIT"));
    }

    @Test
    void mariaDbGetsTheInnoDbScriptWithQuartzsUpperCaseNamesUnderThePrefix() {
        List<String> ddl = QuartzSystem.ddl(true, "bm12345678_");

        // MariaDB's table names are case-sensitive on Linux: they must be what Quartz's SQL asks for
        assertThat(QuartzSystem.tablePrefix(true, "bm12345678_")).isEqualTo("bm12345678_QRTZ_");
        assertThat(ddl.stream().filter(s -> s.startsWith("CREATE TABLE")))
                .hasSize(11)
                .allMatch(s -> s.startsWith("CREATE TABLE bm12345678_QRTZ_") && s.contains("ENGINE=InnoDB"));
        assertThat(ddl.stream().filter(s -> s.startsWith("CREATE INDEX")))
                .isNotEmpty()
                .allMatch(s -> s.matches("(?s)CREATE INDEX bm12345678_idx_qrtz_\\w+\\s+ON bm12345678_QRTZ_.*"));
        assertThat(ddl)
                .noneMatch(
                        s -> s.toUpperCase(java.util.Locale.ROOT).startsWith("DROP") || s.equalsIgnoreCase("COMMIT"));
    }
}
