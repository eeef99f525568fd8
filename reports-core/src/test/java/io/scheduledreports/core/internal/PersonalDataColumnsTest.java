package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The erasure's list of personal-data columns covers the schema: every column of the migrated tables whose name
 * says it holds an address or a user id is either in {@link PersonalData#columns} or deleted with its schedule.
 * A table added by a later migration with such a column fails here until the list names it.
 */
class PersonalDataColumnsTest {

    /** Column names that hold an address or a user id. */
    private static final Pattern PERSONAL =
            Pattern.compile("destination|owner_id|actor|.*_by|user_id|email|address|recipient");

    /**
     * Handled by deleting the owner's schedules with everything that hangs off them, or not personal: the
     * scheduler instance that picked a task.
     */
    private static final Set<String> DELETED_WITH_THE_SCHEDULE =
            Set.of("scheduled_reports.owner_id", "report_scheduled_tasks.picked_by");

    @Test
    void everyColumnThatHoldsAnAddressOrAUserIdIsListed() throws Exception {
        try (TestDatabase.Instance db = TestDatabase.H2.open(2)) {
            ReportsSchema.of(db.dataSource(), db.tables()).migrate();
            String prefix = db.tables().prefix().toLowerCase(Locale.ROOT);
            Set<String> listed = new java.util.TreeSet<>();
            for (PersonalData.Column c : PersonalData.columns(db.tables())) {
                listed.add(c.table().toLowerCase(Locale.ROOT).substring(prefix.length()) + "."
                        + c.column().toLowerCase(Locale.ROOT));
            }
            List<String> missing = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection();
                    ResultSet rs = c.getMetaData().getColumns(null, null, null, null)) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    if (!table.startsWith(prefix) || !PERSONAL.matcher(column).matches()) {
                        continue;
                    }
                    String name = table.substring(prefix.length()) + "." + column;
                    if (!listed.contains(name) && !DELETED_WITH_THE_SCHEDULE.contains(name)) {
                        missing.add(name);
                    }
                }
            }
            assertThat(missing)
                    .as("columns that hold an address or a user id but are not in PersonalData.columns()")
                    .isEmpty();
            assertThat(listed).as("every listed column exists").isNotEmpty();
        }
    }
}
