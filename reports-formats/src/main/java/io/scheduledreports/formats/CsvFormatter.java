package io.scheduledreports.formats;

import io.scheduledreports.formats.internal.CsvFormatWriter;
import io.scheduledreports.formats.internal.Settings;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CSV after RFC 4180, in UTF-8, streamed with FastCSV.
 *
 * <ul>
 *   <li>A header row of {@linkplain io.scheduledreports.spi.Column#name() column names}.
 *   <li>Numbers are machine-readable: plain digits, a dot before the decimals, the column's scale applied, no
 *       grouping and no exponent. Dates are ISO ({@code 2024-03-31}), date-times ISO-8601 with the offset of
 *       the report's zone ({@code 2024-03-31T03:30:00+02:00}), booleans {@code true}/{@code false}. A
 *       {@linkplain io.scheduledreports.spi.Column#pattern() column pattern} switches that column to the pattern,
 *       in the report's locale; a boolean pattern is {@code "yes-text|no-text"}.
 *   <li>A null is an empty field; an empty string is {@code ""}.
 *   <li>Spreadsheet formula injection is neutralised: a text cell that starts with {@code = + - @}, a tab or a
 *       carriage return gets a leading single quote, so Excel and LibreOffice show it as text instead of
 *       running it; so does such a character after a {@code ;}, tab or {@code |} inside the text (Excel in
 *       locales whose list separator is {@code ;} splits the cell there). Numbers, dates and booleans are never
 *       touched.
 * </ul>
 *
 * <p>Per-report settings ({@link FormatOptions#settings()}) override the builder's values: {@value
 * #SETTING_DELIMITER}, {@value #SETTING_QUOTE}, {@value #SETTING_LINE_ENDING}, {@value #SETTING_BOM}, {@value
 * #SETTING_HEADER}, {@value #SETTING_ESCAPE_FORMULAS} and {@value #SETTING_COMMENT}. A schedule names them in its
 * {@code format_options} without the prefix, in snake case: {@code delimiter}, {@code quote}, {@code
 * line_ending} ({@code crlf}, {@code lf}, {@code cr}), {@code bom}, {@code header}, {@code escape_formulas},
 * {@code comment}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CsvFormatter implements OutputFormatter {

    /** Setting: the field separator, one character ({@code \t} for a tab). */
    public static final String SETTING_DELIMITER = "csv.delimiter";
    /** Setting: the quote character. */
    public static final String SETTING_QUOTE = "csv.quote";
    /** Setting: {@code crlf}, {@code lf} or {@code cr}. */
    public static final String SETTING_LINE_ENDING = "csv.lineEnding";
    /** Setting: {@code true} to start the file with a UTF-8 byte order mark, so Excel detects UTF-8. */
    public static final String SETTING_BOM = "csv.bom";
    /** Setting: {@code false} to leave out the header row. */
    public static final String SETTING_HEADER = "csv.header";
    /**
     * Setting: {@code true} to start the file with one comment line, e.g. {@code # Sales, generated
     * 2026-02-11T09:00:00+01:00 (Europe/Paris); region=EMEA}: the report's title, generation time in its zone and
     * parameters. The line starts with {@code #} ({@code !} when {@code #} is the delimiter or quote). Off by
     * default, because most CSV readers take it for a record.
     */
    public static final String SETTING_COMMENT = "csv.comment";
    /** Setting: {@code false} to write text cells that look like formulas unchanged. */
    public static final String SETTING_ESCAPE_FORMULAS = "csv.escapeFormulas";

    /** Default field separator. */
    public static final char DEFAULT_DELIMITER = ',';
    /** Default quote character. */
    public static final char DEFAULT_QUOTE = '"';
    /** Default line ending, as RFC 4180 says. */
    public static final LineEnding DEFAULT_LINE_ENDING = LineEnding.CRLF;
    /** No byte order mark by default. */
    public static final boolean DEFAULT_BOM = false;
    /** A header row by default. */
    public static final boolean DEFAULT_HEADER = true;
    /** Formula injection is neutralised by default. */
    public static final boolean DEFAULT_ESCAPE_FORMULAS = true;

    private static final Set<String> SETTINGS = Set.of(
            SETTING_DELIMITER,
            SETTING_QUOTE,
            SETTING_LINE_ENDING,
            SETTING_BOM,
            SETTING_HEADER,
            SETTING_ESCAPE_FORMULAS,
            SETTING_COMMENT);

    private static final CsvFormatter DEFAULTS = builder().build();

    /** The end of a CSV record. */
    public enum LineEnding {
        /** Carriage return and line feed, as RFC 4180 says. */
        CRLF("\r\n"),
        /** Line feed only (Unix). */
        LF("\n"),
        /** Carriage return only (classic Mac). */
        CR("\r");

        private final String chars;

        LineEnding(String chars) {
            this.chars = chars;
        }

        /** The characters that end a record. */
        public String chars() {
            return chars;
        }
    }

    private final char delimiter;
    private final char quote;
    private final LineEnding lineEnding;
    private final boolean bom;
    private final boolean header;
    private final boolean escapeFormulas;

    private CsvFormatter(Builder b) {
        this.delimiter = b.delimiter;
        this.quote = b.quote;
        this.lineEnding = b.lineEnding;
        this.bom = b.bom;
        this.header = b.header;
        this.escapeFormulas = b.escapeFormulas;
    }

    /** A formatter with the defaults: comma, double quote, CRLF, no BOM, header row, formulas neutralised. */
    public static CsvFormatter ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this formatter's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.delimiter = delimiter;
        b.quote = quote;
        b.lineEnding = lineEnding;
        b.bom = bom;
        b.header = header;
        b.escapeFormulas = escapeFormulas;
        return b;
    }

    /** Returns {@code "csv"}. */
    @Override
    public String id() {
        return "csv";
    }

    /** Returns {@code "text/csv"}; the content is always UTF-8. */
    @Override
    public String mediaType() {
        return "text/csv";
    }

    /** Returns {@code "csv"}. */
    @Override
    public String fileExtension() {
        return "csv";
    }

    @Override
    public MeteredFormatWriter open(OutputStream out, FormatOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        return new CsvFormatWriter(out, options, layout(options.settings()));
    }

    /**
     * Checks per-report settings without writing anything, e.g. when a schedule is saved.
     *
     * @param settings the report's settings; keys of other formats are ignored
     * @throws ReportsValidationException naming the first bad key and its value
     */
    @Override
    public void validateSettings(Map<String, String> settings) {
        layout(settings);
    }

    private CsvFormatWriter.Layout layout(Map<String, String> settings) {
        Settings s = Settings.of(settings, "csv.", SETTINGS);
        char d = s.character(SETTING_DELIMITER, delimiter);
        char q = s.character(SETTING_QUOTE, quote);
        checkSpecialChars(SETTING_DELIMITER, d, q);
        return new CsvFormatWriter.Layout(
                d,
                q,
                s.choice(SETTING_LINE_ENDING, lineEnding, LineEnding.class).chars(),
                s.bool(SETTING_BOM, bom),
                s.bool(SETTING_HEADER, header),
                s.bool(SETTING_ESCAPE_FORMULAS, escapeFormulas),
                s.bool(SETTING_COMMENT, false));
    }

    private static void checkSpecialChars(String field, char delimiter, char quote) {
        if (delimiter == '\r' || delimiter == '\n' || quote == '\r' || quote == '\n') {
            throw new ReportsValidationException(field, "delimiter and quote must not be CR or LF");
        }
        if (delimiter == quote) {
            throw new ReportsValidationException(
                    field, "delimiter and quote must differ, both were '" + delimiter + "'");
        }
    }

    /** The field separator. */
    public char delimiter() {
        return delimiter;
    }

    /** The quote character. */
    public char quote() {
        return quote;
    }

    /** The record separator. */
    public LineEnding lineEnding() {
        return lineEnding;
    }

    /** Whether files start with a UTF-8 byte order mark. */
    public boolean bom() {
        return bom;
    }

    /** Whether files start with a header row. */
    public boolean header() {
        return header;
    }

    /** Whether text cells that start a formula are prefixed with a single quote. */
    public boolean escapeFormulas() {
        return escapeFormulas;
    }

    @Override
    public String toString() {
        return "CsvFormatter[delimiter=" + delimiter + ", quote=" + quote + ", lineEnding=" + lineEnding + ", bom="
                + bom + ", header=" + header + ", escapeFormulas=" + escapeFormulas + "]";
    }

    /** Builds a {@link CsvFormatter}; setters validate on the spot. */
    public static final class Builder {
        private char delimiter = DEFAULT_DELIMITER;
        private char quote = DEFAULT_QUOTE;
        private LineEnding lineEnding = DEFAULT_LINE_ENDING;
        private boolean bom = DEFAULT_BOM;
        private boolean header = DEFAULT_HEADER;
        private boolean escapeFormulas = DEFAULT_ESCAPE_FORMULAS;

        private Builder() {}

        /** The field separator, e.g. {@code ';'} or {@code '\t'}; not CR or LF. Default {@code ','}. */
        public Builder delimiter(char delimiter) {
            if (delimiter == '\r' || delimiter == '\n') {
                throw new ReportsValidationException("delimiter", "must not be CR or LF");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** The quote character; not CR or LF. Default {@code '"'}. */
        public Builder quote(char quote) {
            if (quote == '\r' || quote == '\n') {
                throw new ReportsValidationException("quote", "must not be CR or LF");
            }
            this.quote = quote;
            return this;
        }

        /** The record separator. Default {@link LineEnding#CRLF}. */
        public Builder lineEnding(LineEnding lineEnding) {
            this.lineEnding = Objects.requireNonNull(lineEnding, "lineEnding");
            return this;
        }

        /** Whether to start files with a UTF-8 byte order mark (Excel then detects UTF-8). Default false. */
        public Builder bom(boolean bom) {
            this.bom = bom;
            return this;
        }

        /** Whether to write a header row of column names. Default true. */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** Whether to neutralise formula injection in text cells. Default true. */
        public Builder escapeFormulas(boolean escapeFormulas) {
            this.escapeFormulas = escapeFormulas;
            return this;
        }

        /**
         * Builds the formatter.
         *
         * @throws ReportsValidationException if delimiter and quote are the same character
         */
        public CsvFormatter build() {
            checkSpecialChars("delimiter", delimiter, quote);
            return new CsvFormatter(this);
        }
    }
}
