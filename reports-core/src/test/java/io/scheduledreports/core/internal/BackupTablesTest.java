package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every table the migrations create is either in the backup or deliberately left out: a new table (another
 * migration) fails here until someone decides which, so backups never silently miss data.
 */
class BackupTablesTest {

    @Test
    void everyTableOfTheSchemaIsBackedUpOrDeliberatelyLeftOut() throws Exception {
        try (TestDatabase.Instance db = TestDatabase.H2.open(2)) {
            ReportsSchema.of(db.dataSource(), db.tables()).migrate();
            Set<String> created = new HashSet<>();
            try (Connection c = db.dataSource().getConnection();
                    ResultSet rs = c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (name.startsWith(db.tables().prefix())) {
                        created.add(name.substring(db.tables().prefix().length()));
                    }
                }
            }
            Set<String> classified = new HashSet<>(Backups.TABLES);
            classified.addAll(Backups.NOT_BACKED_UP);
            assertThat(classified)
                    .as("add new tables to Backups.TABLES (parents first) or Backups.NOT_BACKED_UP")
                    .containsExactlyInAnyOrderElementsOf(created);
            assertThat(Backups.TABLES).doesNotContainAnyElementsOf(Backups.NOT_BACKED_UP);
        }
    }
}
