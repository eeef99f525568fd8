package io.scheduledreports.formats;

import io.scheduledreports.formats.internal.Settings;
import io.scheduledreports.formats.internal.XlsxFormatWriter;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Excel workbooks (XLSX), streamed with fastexcel in a heap that does not grow with the number of rows.
 *
 * <ul>
 *   <li>One sheet named after {@link FormatOptions#title()} (made valid for Excel: at most 31 characters, no
 *       {@code [ ] : * ? / \}); a bold, frozen header row of {@linkplain io.scheduledreports.spi.Column#label()
 *       column labels} with an auto-filter; column widths estimated from the header and the first rows.
 *   <li>Real typed cells: numbers with a number format (the column's scale, or its pattern as an Excel format),
 *       dates and date-times as Excel dates (date-times as wall-clock time in the report's zone, as Excel has no
 *       zones), booleans as booleans, text as inline strings (never evaluated as formulas).
 *   <li>Numbers Excel cannot hold exactly (more than 15 significant digits, or whole numbers beyond 2^53) are
 *       written as right-aligned text so no digit changes, unless {@link Builder#largeNumbersAsText(boolean)}
 *       is off. Dates before 1900, which Excel cannot show, are written as ISO text.
 *   <li>More rows than fit on a sheet (1,048,576 including the header) continue on a new sheet "Title (2)"
 *       with the header repeated.
 * </ul>
 *
 * <p>Per-report settings ({@link FormatOptions#settings()}) override the builder's values: {@value
 * #SETTING_MAX_ROWS_PER_SHEET}, {@value #SETTING_COMPRESSION_LEVEL}, {@value #SETTING_LARGE_NUMBERS_AS_TEXT}, {@value
 * #SETTING_SHEET_NAME}, {@value #SETTING_FREEZE_HEADER}, {@value #SETTING_AUTO_FILTER}, {@value
 * #SETTING_COLUMN_WIDTHS} and {@value #SETTING_ABOUT_SHEET}. A schedule names them in its {@code format_options}
 * without the prefix, in snake case: {@code sheet_name}, {@code freeze_header}, {@code auto_filter}, {@code
 * column_widths} (a list of numbers), {@code about_sheet}, {@code max_rows_per_sheet}, {@code
 * compression_level}, {@code large_numbers_as_text}.
 *
 * <p>Every workbook carries document properties: title (the report's title), subject ("Scheduled report"),
 * description (the parameters), application "Scheduled Reports" and created (the generation time).
 *
 * <p>Immutable and thread-safe.
 */
public final class XlsxFormatter implements OutputFormatter {

    /** Setting: rows per sheet including the header, 2 to 1,048,576. */
    public static final String SETTING_MAX_ROWS_PER_SHEET = "xlsx.maxRowsPerSheet";
    /** Setting: zip deflate level, 0 (store) to 9 (smallest). */
    public static final String SETTING_COMPRESSION_LEVEL = "xlsx.compressionLevel";
    /** Setting: {@code false} to write every number as a number even when Excel will round it. */
    public static final String SETTING_LARGE_NUMBERS_AS_TEXT = "xlsx.largeNumbersAsText";

    /** Setting: the name of the first data sheet (default the report's title), made valid for Excel. */
    public static final String SETTING_SHEET_NAME = "xlsx.sheetName";
    /** Setting: {@code false} to leave the header row unfrozen. */
    public static final String SETTING_FREEZE_HEADER = "xlsx.freezeHeader";
    /** Setting: {@code false} to leave out the auto-filter on the header row. */
    public static final String SETTING_AUTO_FILTER = "xlsx.autoFilter";
    /**
     * Setting: column widths in characters, comma-separated in column order ({@code 12,30,10}), each 1-255;
     * columns beyond the list keep their estimated width.
     */
    public static final String SETTING_COLUMN_WIDTHS = "xlsx.columnWidths";
    /**
     * Setting: {@code true} to add a last sheet "About" with the report's name, parameters, generation time and
     * time zone. The document properties (title, subject, application, created) are always set.
     */
    public static final String SETTING_ABOUT_SHEET = "xlsx.aboutSheet";

    /** Excel's limit of rows per sheet, including the header row. */
    public static final int EXCEL_MAX_ROWS = 1_048_576;
    /** Default rows per sheet: Excel's limit. */
    public static final int DEFAULT_MAX_ROWS_PER_SHEET = EXCEL_MAX_ROWS;
    /**
     * Default deflate level. Level 1: about 70% of fastexcel's time is zip compression, and level 1 is much
     * faster than fastexcel's own default of 4 for files only slightly larger.
     */
    public static final int DEFAULT_COMPRESSION_LEVEL = 1;
    /** Numbers Excel would round are kept as text by default. */
    public static final boolean DEFAULT_LARGE_NUMBERS_AS_TEXT = true;

    private static final Set<String> SETTINGS = Set.of(
            SETTING_MAX_ROWS_PER_SHEET,
            SETTING_COMPRESSION_LEVEL,
            SETTING_LARGE_NUMBERS_AS_TEXT,
            SETTING_SHEET_NAME,
            SETTING_FREEZE_HEADER,
            SETTING_AUTO_FILTER,
            SETTING_COLUMN_WIDTHS,
            SETTING_ABOUT_SHEET);

    private static final XlsxFormatter DEFAULTS = builder().build();

    private final int maxRowsPerSheet;
    private final int compressionLevel;
    private final boolean largeNumbersAsText;

    private XlsxFormatter(Builder b) {
        this.maxRowsPerSheet = b.maxRowsPerSheet;
        this.compressionLevel = b.compressionLevel;
        this.largeNumbersAsText = b.largeNumbersAsText;
    }

    /** A formatter with the defaults. */
    public static XlsxFormatter ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this formatter's values. */
    public Builder toBuilder() {
        return new Builder()
                .maxRowsPerSheet(maxRowsPerSheet)
                .compressionLevel(compressionLevel)
                .largeNumbersAsText(largeNumbersAsText);
    }

    /** Returns {@code "xlsx"}. */
    @Override
    public String id() {
        return "xlsx";
    }

    /** Returns the Office Open XML spreadsheet media type. */
    @Override
    public String mediaType() {
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }

    /** Returns {@code "xlsx"}. */
    @Override
    public String fileExtension() {
        return "xlsx";
    }

    @Override
    public MeteredFormatWriter open(OutputStream out, FormatOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        return new XlsxFormatWriter(out, options, layout(options.settings()));
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

    private XlsxFormatWriter.Layout layout(Map<String, String> settings) {
        Settings s = Settings.of(settings, "xlsx.", SETTINGS);
        return new XlsxFormatWriter.Layout(
                s.integer(SETTING_MAX_ROWS_PER_SHEET, maxRowsPerSheet, 2, EXCEL_MAX_ROWS),
                s.integer(SETTING_COMPRESSION_LEVEL, compressionLevel, 0, 9),
                s.bool(SETTING_LARGE_NUMBERS_AS_TEXT, largeNumbersAsText),
                s.text(SETTING_SHEET_NAME, 31),
                s.bool(SETTING_FREEZE_HEADER, true),
                s.bool(SETTING_AUTO_FILTER, true),
                s.integers(SETTING_COLUMN_WIDTHS, 1, 255, 16_384),
                s.bool(SETTING_ABOUT_SHEET, false));
    }

    /** Rows per sheet including the header. */
    public int maxRowsPerSheet() {
        return maxRowsPerSheet;
    }

    /** Zip deflate level. */
    public int compressionLevel() {
        return compressionLevel;
    }

    /** Whether numbers Excel would round are written as text. */
    public boolean largeNumbersAsText() {
        return largeNumbersAsText;
    }

    @Override
    public String toString() {
        return "XlsxFormatter[maxRowsPerSheet=" + maxRowsPerSheet + ", compressionLevel=" + compressionLevel
                + ", largeNumbersAsText=" + largeNumbersAsText + "]";
    }

    /** Builds an {@link XlsxFormatter}; setters validate on the spot. */
    public static final class Builder {
        private int maxRowsPerSheet = DEFAULT_MAX_ROWS_PER_SHEET;
        private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;
        private boolean largeNumbersAsText = DEFAULT_LARGE_NUMBERS_AS_TEXT;

        private Builder() {}

        /**
         * Rows per sheet including the header row; further rows continue on a new sheet. 2 to 1,048,576
         * (Excel's limit, the default). Lower values are for tests and for readers with smaller limits.
         */
        public Builder maxRowsPerSheet(int rows) {
            this.maxRowsPerSheet = Settings.checkRange("maxRowsPerSheet", rows, 2, EXCEL_MAX_ROWS);
            return this;
        }

        /** Zip deflate level, 0-9. Default 1: fast, files a little larger. */
        public Builder compressionLevel(int level) {
            this.compressionLevel = Settings.checkRange("compressionLevel", level, 0, 9);
            return this;
        }

        /** Whether numbers Excel cannot hold exactly are written as text. Default true. */
        public Builder largeNumbersAsText(boolean asText) {
            this.largeNumbersAsText = asText;
            return this;
        }

        /** Builds the formatter. */
        public XlsxFormatter build() {
            return new XlsxFormatter(this);
        }
    }
}
