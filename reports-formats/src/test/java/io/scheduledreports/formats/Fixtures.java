package io.scheduledreports.formats;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Columns and rows that exercise every type and the awkward values, shared by the format tests. */
final class Fixtures {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant GENERATED_AT = Instant.parse("2026-03-29T07:15:00Z");

    static final List<Column> COLUMNS = List.of(
            Column.text("name").withLabel("Name"),
            Column.integer("count").withLabel("Count"),
            Column.decimal("amount", 2).withLabel("Amount"),
            Column.bool("active").withLabel("Active"),
            Column.date("day").withLabel("Day"),
            Column.dateTime("at").withLabel("At"));

    /** 2026-03-29 is the spring-forward day in Berlin: 01:59:59 CET is followed by 03:00 CEST. */
    static final Instant BEFORE_DST = Instant.parse("2026-03-29T00:30:00Z"); // 01:30+01:00

    static final Instant AFTER_DST = Instant.parse("2026-03-29T01:30:00Z"); // 03:30+02:00
    static final Instant AUTUMN_FIRST = Instant.parse("2026-10-25T00:30:00Z"); // 02:30+02:00
    static final Instant AUTUMN_SECOND = Instant.parse("2026-10-25T01:30:00Z"); // 02:30+01:00

    static final String MULTILINE = "line one\nline \"two\", with comma\r\nline three";

    static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"Zoë Ærøskøbing", 1, new BigDecimal("12.5"), true, LocalDate.of(2026, 3, 28), BEFORE_DST
        });
        rows.add(new Object[] {"Москва — Привет", Long.MAX_VALUE, new BigDecimal("-0.005"), false, null, AFTER_DST});
        rows.add(new Object[] {
            "東京 日本語 😀🚀",
            -42L,
            new BigDecimal("123456789012345678901234567890"),
            null,
            LocalDate.of(2026, 10, 25),
            AUTUMN_FIRST
        });
        rows.add(new Object[] {
            MULTILINE, BigInteger.TWO.pow(70), 1234567.891, true, LocalDate.of(1999, 12, 31), AUTUMN_SECOND
        });
        rows.add(new Object[] {null, null, null, null, null, null});
        rows.add(new Object[] {
            "", 0, BigDecimal.ZERO, false, LocalDate.of(2000, 2, 29), LocalDateTime.of(2026, 7, 1, 12, 0)
        });
        return rows;
    }

    static FormatOptions options() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("region", "Nordics");
        params.put("period", "last_7_days (2026-03-22 – 2026-03-28)");
        return new FormatOptions(Locale.UK, BERLIN, "Sales by region", GENERATED_AT, params, Map.of());
    }

    static byte[] write(OutputFormatter formatter, FormatOptions options, List<Column> columns, List<Object[]> rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FormatWriter w = formatter.open(out, options)) {
            w.columns(columns);
            for (Object[] row : rows) {
                w.row(row);
            }
        }
        return out.toByteArray();
    }

    static String describe(Object[] row) {
        return Arrays.toString(row);
    }

    private Fixtures() {}
}
