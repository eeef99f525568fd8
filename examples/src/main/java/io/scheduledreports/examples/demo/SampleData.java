package io.scheduledreports.examples.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/** Generates the demo's orders: two tenants, four regions, a few products, over the last 90 days. */
public final class SampleData {

    /** The demo's regions. */
    public static final List<String> REGIONS = List.of("North", "South", "East", "West");

    /** The demo's tenants. */
    public static final List<String> TENANTS = List.of("acme", "globex");

    private static final List<String> PRODUCTS = List.of("Widget", "Gadget", "Gizmo", "Doohickey", "Sprocket");

    private final int count;

    SampleData(DataSource dataSource, int count, Clock clock) throws SQLException {
        this.count = count;
        Random random = new Random(42);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS demo_orders");
                s.execute("CREATE TABLE demo_orders (id BIGINT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL,"
                        + " region VARCHAR(16) NOT NULL, product VARCHAR(32) NOT NULL, customer VARCHAR(64) NOT NULL,"
                        + " quantity INT NOT NULL, amount DECIMAL(12, 2) NOT NULL,"
                        + " placed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                s.execute("CREATE INDEX demo_orders_tenant_time ON demo_orders (tenant_id, placed_at)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO demo_orders VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= count; i++) {
                    int quantity = 1 + random.nextInt(20);
                    ps.setLong(1, i);
                    ps.setString(2, TENANTS.get(random.nextInt(TENANTS.size())));
                    ps.setString(3, REGIONS.get(random.nextInt(REGIONS.size())));
                    ps.setString(4, PRODUCTS.get(random.nextInt(PRODUCTS.size())));
                    ps.setString(5, "Customer " + (1 + random.nextInt(200)));
                    ps.setInt(6, quantity);
                    ps.setBigDecimal(7, BigDecimal.valueOf(quantity * (500 + random.nextInt(9500)), 2));
                    ps.setObject(
                            8,
                            OffsetDateTime.ofInstant(
                                    now.minusSeconds(random.nextLong(90L * 24 * 3600)), ZoneOffset.UTC));
                    ps.addBatch();
                    if (i % 1_000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
    }

    /** Number of orders generated. */
    public int count() {
        return count;
    }
}
