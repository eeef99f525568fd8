package io.scheduledreports.core.internal;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.RowSample;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the first rows of a report as text while it is generated, for channels that show them inline ({@link
 * io.scheduledreports.spi.DeliveryChannel#sampleRows(Map)}). Works the same for every output format because it
 * sees the rows before the formatter does; costs nothing after the last kept row. The rows are stored with the
 * execution as JSON, at most {@value #MAX_JSON_CHARS} characters of it: rows past that are left out.
 */
final class RowCapture {
    /** Largest stored sample, as JSON. */
    static final int MAX_JSON_CHARS = 256 * 1024;

    private final int wanted;
    private final ZoneId zone;
    private final List<String> labels = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private int chars;
    private boolean full;

    RowCapture(int wanted, ZoneId zone) {
        this.wanted = Math.min(wanted, RowSample.MAX_ROWS);
        this.zone = zone;
    }

    void columns(List<Column> columns) {
        columns.forEach(c -> labels.add(c.label()));
        labels.forEach(l -> chars += l.length() + 3);
    }

    void row(Object[] values) {
        if (full || rows.size() >= wanted) {
            return;
        }
        List<String> row = new ArrayList<>(labels.size());
        int rowChars = 0;
        for (int i = 0; i < labels.size(); i++) {
            String text = i < values.length ? text(values[i]) : "";
            row.add(text);
            rowChars += text.length() + 3;
        }
        if (chars + rowChars > MAX_JSON_CHARS) {
            full = true;
            return;
        }
        chars += rowChars;
        rows.add(row);
    }

    /** The sample as stored with the execution. */
    String json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("columns", labels);
        json.put("rows", rows);
        return Json.write(json);
    }

    /** Reads what {@link #json()} wrote; an empty sample for null. */
    @SuppressWarnings("unchecked")
    static RowSample read(String json) {
        if (json == null || json.isBlank()) {
            return RowSample.empty();
        }
        Map<String, Object> map = Json.readMap(json);
        return new RowSample((List<String>) map.getOrDefault("columns", List.of()), (List<List<String>>)
                map.getOrDefault("rows", List.of()));
    }

    private String text(Object v) {
        String s;
        if (v == null) {
            s = "";
        } else if (v instanceof BigDecimal b) {
            s = b.toPlainString();
        } else if (v instanceof Instant t) {
            s = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone));
        } else if (v instanceof OffsetDateTime t) {
            s = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZoneSameInstant(zone));
        } else if (v instanceof ZonedDateTime t) {
            s = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withZoneSameInstant(zone));
        } else {
            s = v.toString();
        }
        return s.length() > RowSample.MAX_CELL_CHARS ? s.substring(0, RowSample.MAX_CELL_CHARS - 1) + "…" : s;
    }
}
