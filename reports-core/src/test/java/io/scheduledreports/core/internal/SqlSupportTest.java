package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.TableNames;
import org.junit.jupiter.api.Test;

/** Table placeholders in the SQL texts of the table classes. */
class SqlSupportTest {

    private final SqlSupport sql = new SqlSupport(new TableNames("acme_"), Dialect.POSTGRESQL);

    @Test
    void tablePlaceholdersBecomeThePrefixedTableNames() {
        assertThat(sql.render("SELECT e.id FROM <executions> e JOIN <deliveries> d ON d.execution_id = e.id"))
                .isEqualTo("SELECT e.id FROM acme_report_executions e JOIN acme_report_deliveries d"
                        + " ON d.execution_id = e.id");
    }

    @Test
    void comparisonsAndOtherTokensAreLeftAsTheyAre() {
        // <ids> is a statement's own token (bindList), <> and < :b are comparisons
        String text = "SELECT id FROM <schedules> WHERE id IN (<ids>) AND status <> 'X' AND next_run_at < :b";
        assertThat(sql.render(text))
                .isEqualTo("SELECT id FROM acme_scheduled_reports WHERE id IN (<ids>) AND status <> 'X'"
                        + " AND next_run_at < :b");
    }

    @Test
    void aRenderedTextIsReusedAndTheSameForEveryCall() {
        String text = "UPDATE <tasks> SET picked = FALSE";
        String first = sql.render(text);
        assertThat(sql.render(text)).isSameAs(first).isEqualTo("UPDATE acme_report_scheduled_tasks SET picked = FALSE");
    }
}
