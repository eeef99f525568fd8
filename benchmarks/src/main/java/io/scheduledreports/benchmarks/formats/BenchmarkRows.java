package io.scheduledreports.benchmarks.formats;

import io.scheduledreports.spi.Column;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The rows every format benchmark writes: 10 typed columns, built ahead into a pool so that producing a row
 * costs next to nothing and both sides of a comparison see the same values. Only the id differs per row.
 */
final class BenchmarkRows {
    static final List<Column> COLUMNS = List.of(
            Column.integer("id").withLabel("ID"),
            Column.text("customer").withLabel("Customer"),
            Column.text("city").withLabel("City"),
            Column.decimal("amount", 2).withLabel("Amount"),
            Column.integer("quantity").withLabel("Quantity"),
            Column.bool("paid").withLabel("Paid"),
            Column.date("ordered").withLabel("Ordered"),
            Column.dateTime("shipped").withLabel("Shipped"),
            Column.decimal("ratio", -1).withLabel("Ratio"),
            Column.text("note").withLabel("Note"));

    private static final int POOL = 4096;
    private static final String[] CITIES = {"Kraków", "Москва", "São Paulo", "Zürich", "Αθήνα", "Lyon"};

    private final Object[][] pool = new Object[POOL][];

    BenchmarkRows() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        LocalDate day = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < POOL; i++) {
            pool[i] = new Object[] {
                0L,
                "Customer " + i + " GmbH",
                CITIES[i % CITIES.length],
                BigDecimal.valueOf(i * 37L % 1_000_000, 2),
                i % 1000,
                i % 3 == 0,
                day.plusDays(i % 365),
                start.plusSeconds(i * 7L),
                i / 7.0,
                i % 10 == 0 ? null : "note " + Long.toHexString(i * 2_654_435_761L)
            };
        }
    }

    /** Row {@code i}; the array is shared, so use it before asking for the next row. */
    Object[] row(long i) {
        Object[] row = pool[(int) (i % POOL)];
        row[0] = i;
        return row;
    }

    /** A stream that only counts, so the benchmarks measure formatting, not the disk. */
    static final class CountingNullStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
