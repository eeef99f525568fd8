package io.scheduledreports.core;

import io.scheduledreports.core.fixtures.Db;
import io.scheduledreports.core.fixtures.RecordingChannel;
import io.scheduledreports.core.fixtures.SalesReport;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.jdbc.testing.TestDatabase;
import java.nio.file.Path;

/** What every engine test needs: a database, a report type, a formatter, a channel, a store. */
class EngineFixture implements AutoCloseable {
    final TestDatabase.Instance db;
    final Db sql;
    final SalesReport sales = new SalesReport();
    final RecordingChannel email = new RecordingChannel("email");
    final Path artifacts;

    EngineFixture(TestDatabase database, Path artifacts) {
        this.db = database.open(12);
        this.sql = new Db(db);
        this.artifacts = artifacts;
    }

    ScheduledReports.Builder builder() {
        return builder(db.dataSource());
    }

    ScheduledReports.Builder builder(javax.sql.DataSource dataSource) {
        return ScheduledReports.builder(dataSource)
                .tablePrefix(db.tables().prefix())
                .reportType(sales)
                .formatter(CsvFormatter.ofDefaults())
                .channel(email)
                .artifactDirectory(artifacts)
                .diskGuard(DiskGuard.disabled());
    }

    @Override
    public void close() throws java.sql.SQLException {
        db.close();
    }
}
