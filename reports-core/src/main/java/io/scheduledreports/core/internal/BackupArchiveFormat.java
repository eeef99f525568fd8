package io.scheduledreports.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scheduledreports.core.backup.BackupException;
import io.scheduledreports.core.backup.BackupException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The plain content of an archive (before compression and encryption): JSON values, one per line.
 *
 * <pre>
 * {"format":"scheduled-reports-backup","format_version":1,"schema_version":15,"created_at":"...","source_database":"H2"}
 * {"table":"scheduled_reports","columns":[["id","string"],["next_run_at","instant"],...]}
 * ["7c0e...", "2026-02-16T09:00:00Z", ...]          one array per row, values in column order
 * {"end":"scheduled_reports","rows":1234}
 * ... the next tables ...
 * {"end_of_archive":true,"tables":10,"rows":56789}
 * </pre>
 *
 * Table names carry no prefix. Column types are portable: {@code string}, {@code integer} (64-bit), {@code
 * boolean}, {@code instant} (ISO-8601 UTC, microseconds), {@code decimal} (text), {@code bytes} (Base64).
 */
final class BackupArchiveFormat {

    static final String FORMAT = "scheduled-reports-backup";
    static final int CONTENT_VERSION = 1;
    static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    /** A column of a table in an archive. */
    record Column(String name, Type type) {}

    /** Portable column types. */
    enum Type {
        STRING,
        INTEGER,
        BOOLEAN,
        INSTANT,
        DECIMAL,
        BYTES,
        /** A calendar day without a time or zone (ISO {@code 2026-12-01}). */
        DATE;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Type of(String id) {
            for (Type t : values()) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            throw new BackupException(Reason.TOO_NEW, "archive: unknown column type '" + id + "'");
        }
    }

    private BackupArchiveFormat() {}

    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        return g;
    }

    static void writeValue(JsonGenerator g, Type type, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (type) {
            case STRING, DECIMAL -> g.writeString(v.toString());
            case INTEGER -> g.writeNumber((Long) v);
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case INSTANT, DATE -> g.writeString(v.toString());
            case BYTES -> g.writeString(Base64.getEncoder().encodeToString((byte[]) v));
        }
    }

    /** What reading an archive finds, in order. */
    interface Visitor {
        void header(JsonNode header) throws Exception;

        void table(String name, List<Column> columns) throws Exception;

        void row(Object[] values) throws Exception;

        void tableEnd(String name, long rows) throws Exception;
    }

    /**
     * Reads plain content, checking its structure and row counts.
     *
     * @return the total number of rows
     * @throws BackupException DAMAGED when the structure or counts are wrong, or what the visitor threw
     */
    static long read(InputStream in, Visitor visitor) throws Exception {
        try (JsonParser p = JSON.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw damaged("it has no header");
            }
            JsonNode header = MAPPER.readTree(p);
            if (!FORMAT.equals(header.path("format").asText())) {
                throw new BackupException(Reason.NOT_AN_ARCHIVE, "archive: not a Scheduled Reports backup");
            }
            if (header.path("format_version").asInt() > CONTENT_VERSION) {
                throw new BackupException(
                        Reason.TOO_NEW,
                        "archive: content version "
                                + header.path("format_version").asInt() + ", this library reads up to "
                                + CONTENT_VERSION);
            }
            visitor.header(header);
            String table = null;
            List<Column> columns = List.of();
            long tableRows = 0;
            long total = 0;
            int tables = 0;
            while (true) {
                t = p.nextToken();
                if (t == null) {
                    throw damaged("it ends before its end marker");
                }
                if (t == JsonToken.START_ARRAY) {
                    if (table == null) {
                        throw damaged("a row comes outside a table");
                    }
                    visitor.row(readRow(p, columns));
                    tableRows++;
                    total++;
                    continue;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw damaged("unexpected " + t);
                }
                JsonNode node = MAPPER.readTree(p);
                if (node.has("table")) {
                    if (table != null) {
                        throw damaged("table " + table + " has no end");
                    }
                    table = node.get("table").asText();
                    List<Column> cols = new ArrayList<>();
                    for (JsonNode c : node.path("columns")) {
                        cols.add(new Column(c.get(0).asText(), Type.of(c.get(1).asText())));
                    }
                    columns = List.copyOf(cols);
                    tableRows = 0;
                    visitor.table(table, columns);
                } else if (node.has("end")) {
                    if (table == null || !table.equals(node.get("end").asText())) {
                        throw damaged("an end marker does not match its table");
                    }
                    if (node.path("rows").asLong(-1) != tableRows) {
                        throw damaged(
                                "table " + table + " should have " + node.path("rows") + " rows, has " + tableRows);
                    }
                    visitor.tableEnd(table, tableRows);
                    table = null;
                    tables++;
                } else if (node.path("end_of_archive").asBoolean()) {
                    if (table != null
                            || node.path("rows").asLong(-1) != total
                            || node.path("tables").asInt(-1) != tables) {
                        throw damaged("its end marker does not match its content");
                    }
                    if (p.nextToken() != null) {
                        throw damaged("data follows its end marker");
                    }
                    return total;
                } else {
                    throw damaged("unexpected object " + node.fieldNames().next());
                }
            }
        } catch (JsonProcessingException e) {
            throw damaged("its content is not well-formed (" + e.getOriginalMessage() + ")");
        }
    }

    private static Object[] readRow(JsonParser p, List<Column> columns) throws IOException {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                throw damaged("a row has " + i + " values, its table " + columns.size() + " columns");
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            values[i] = switch (columns.get(i).type()) {
                case STRING, DECIMAL -> p.getText();
                case INTEGER -> p.getLongValue();
                case BOOLEAN -> p.getBooleanValue();
                case INSTANT -> Instant.parse(p.getText());
                case DATE -> java.time.LocalDate.parse(p.getText());
                case BYTES -> Base64.getDecoder().decode(p.getText());
            };
        }
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw damaged("a row has more values than its table has columns");
        }
        return values;
    }

    static BackupException damaged(String what) {
        return new BackupException(
                Reason.DAMAGED, "archive: damaged: " + what + "; nothing was restored from it, use another archive");
    }
}
