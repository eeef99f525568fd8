package io.scheduledreports.formats.internal;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ColumnType;
import io.scheduledreports.spi.FormatOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Streams rows as RFC 4180 CSV in UTF-8.
 *
 * <p>Written with FastCSV rather than commons-csv: on this project's benchmark FastCSV writes ~710k rows/s
 * against ~545k for commons-csv (1M rows x 10 columns), it quotes exactly the fields that need it, and it can
 * quote empty strings while leaving nulls bare, so the two stay distinguishable. Neither library neutralises
 * spreadsheet formulas; that is done here.
 */
public final class CsvFormatWriter extends AbstractFormatWriter {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** Characters that Excel may split a cell at, depending on the locale's list separator. */
    private static final String SEPARATORS = ";\t|";
    /** Formula starts after a separator. */
    private static final String SPLIT_FORMULA_STARTS = "=+-@";

    /**
     * How the file is laid out.
     *
     * @param delimiter field separator
     * @param quote quote character
     * @param lineEnding record separator: "\r\n", "\n" or "\r"
     * @param bom whether to start with a UTF-8 byte order mark (helps Excel detect UTF-8)
     * @param header whether to write a header row of column names
     * @param escapeFormulas whether to prefix text cells that start a formula with a single quote
     * @param comment whether to start with a comment line naming the report, its parameters and when it was
     *     generated
     */
    public record Layout(
            char delimiter,
            char quote,
            String lineEnding,
            boolean bom,
            boolean header,
            boolean escapeFormulas,
            boolean comment) {}

    private final Layout layout;
    private final FormatOptions options;
    private CsvWriter csv;
    private CellText[] renderers;
    private boolean[] escape;
    private String[] fields;

    public CsvFormatWriter(OutputStream out, FormatOptions options, Layout layout) {
        super(out);
        this.layout = layout;
        this.options = options;
    }

    @Override
    protected void start(List<Column> columns) throws IOException {
        int n = columns.size();
        renderers = new CellText[n];
        escape = new boolean[n];
        fields = new String[n];
        for (int i = 0; i < n; i++) {
            Column c = columns.get(i);
            renderers[i] = CellText.machine(c, options.locale(), options.zone());
            escape[i] = layout.escapeFormulas() && c.type() == ColumnType.TEXT;
        }
        open();
        if (layout.header()) {
            for (int i = 0; i < n; i++) {
                fields[i] = columns.get(i).name();
            }
            writeRecord();
        }
    }

    private void open() throws IOException {
        if (layout.bom()) {
            out.write(UTF8_BOM);
        }
        csv = CsvWriter.builder()
                .fieldSeparator(layout.delimiter())
                .quoteCharacter(layout.quote())
                .commentCharacter(commentCharacter())
                // Quote "" but not null, so an empty string and a missing value read back differently.
                .quoteStrategy(QuoteStrategies.EMPTY)
                .lineDelimiter(LineDelimiter.of(layout.lineEnding()))
                .build(out);
        if (layout.comment()) {
            csv.writeComment(" " + commentLine());
        }
    }

    /** {@code Sales, generated 2026-02-11T09:00:00+01:00 (Europe/Paris); region=EMEA}, on one line. */
    private String commentLine() {
        StringBuilder sb = new StringBuilder();
        if (!options.title().isBlank()) {
            sb.append(options.title()).append(", ");
        }
        sb.append("generated ")
                .append(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(options.generatedAt()
                        .atZone(options.zone())
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .append(" (")
                .append(options.zone().getId())
                .append(')');
        String separator = "; ";
        for (var p : options.parameters().entrySet()) {
            sb.append(separator).append(p.getKey()).append('=').append(p.getValue());
            separator = ", ";
        }
        return sb.toString().replaceAll("\\p{Cntrl}", " ");
    }

    /** FastCSV quotes a first field that starts with its comment character, which must differ from the others. */
    private char commentCharacter() {
        return layout.delimiter() != '#' && layout.quote() != '#'
                ? '#'
                : layout.delimiter() != '!' && layout.quote() != '!' ? '!' : '\0';
    }

    @Override
    protected void write(Object[] values, long rowNumber) throws IOException {
        String[] f = fields;
        for (int i = 0; i < f.length; i++) {
            Object v = values[i];
            if (v == null) {
                f[i] = null;
            } else {
                String s = renderers[i].text(v, rowNumber);
                f[i] = escape[i] ? neutralise(s) : s;
            }
        }
        writeRecord();
    }

    /**
     * A text that a spreadsheet shows as text: a leading formula character gets a single quote before it, and so
     * does one that follows a list separator ({@code ;}, tab, {@code |}, possibly after spaces), because Excel in
     * locales whose list separator is {@code ;} splits such a cell there and would run the part after it.
     */
    static String neutralise(String s) {
        if (s.isEmpty() || (FORMULA_STARTS.indexOf(s.charAt(0)) < 0 && !hasSeparator(s))) {
            return s; // the common case, without allocating
        }
        StringBuilder out = new StringBuilder(s.length() + 4);
        if (FORMULA_STARTS.indexOf(s.charAt(0)) >= 0) {
            out.append('\'');
        }
        int copied = 0;
        for (int i = 0; i < s.length(); i++) {
            if (SEPARATORS.indexOf(s.charAt(i)) < 0) {
                continue;
            }
            int j = i + 1;
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            if (j < s.length() && SPLIT_FORMULA_STARTS.indexOf(s.charAt(j)) >= 0) {
                out.append(s, copied, j).append('\'');
                copied = j;
                i = j - 1;
            }
        }
        if (copied == 0 && out.isEmpty()) {
            return s;
        }
        return out.append(s, copied, s.length()).toString();
    }

    private static boolean hasSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ';' || c == '\t' || c == '|') {
                return true;
            }
        }
        return false;
    }

    private void writeRecord() throws IOException {
        try {
            csv.writeRecord(fields);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    protected void finish(List<Column> columns) throws IOException {
        if (csv == null) {
            open();
        }
        // Closes only the counting stream, which flushes and leaves the caller's stream open.
        csv.close();
    }
}
