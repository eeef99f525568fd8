package io.scheduledreports.formats;

import io.scheduledreports.formats.internal.PdfFonts;
import io.scheduledreports.formats.internal.PdfFormatWriter;
import io.scheduledreports.formats.internal.Settings;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * PDF documents for people, streamed with OpenPDF.
 *
 * <ul>
 *   <li>A title ({@link FormatOptions#title()}), the generation time in the report's zone and locale, and the
 *       report's {@linkplain FormatOptions#parameters() parameters}.
 *   <li>A table whose header row of {@linkplain io.scheduledreports.spi.Column#label() labels} repeats on every
 *       page; numbers right-aligned and formatted for the locale (or the column pattern), dates in the locale's
 *       medium style, long text wrapped (cells are cut at {@link Builder#maxCellChars(int)} characters).
 *   <li>"Page n / m" at the foot of every page.
 *   <li>Portrait up to {@value #PORTRAIT_MAX_COLUMNS} columns, landscape beyond, and smaller type for wider
 *       tables. At most {@link Builder#maxColumns(int)} columns are shown; a note under the title names the
 *       columns left out (CSV and XLSX always have all of them).
 *   <li>The font, DejaVu Sans Condensed, is bundled and embedded, so accents, Greek and Cyrillic render
 *       everywhere. CJK and other scripts it lacks are taken from a fallback font: the ones given to {@link
 *       Builder#fallbackFont(Path)}, then, unless switched off, a CJK font found at a usual place on the
 *       machine (e.g. Debian's fonts-droid-fallback or fonts-noto-cjk).
 * </ul>
 *
 * <p>By default ({@link TableLayout#STREAM}) the table's rows are written straight into the pages' content
 * streams with column widths fixed from the header and the first rows; 1,000,000 rows fit in a 64 MB heap. With
 * {@link TableLayout#TABLE} the table is an OpenPDF {@code PdfPTable} handed over in chunks of {@link
 * Builder#chunkRows(int)} rows, which shows every line of long text but is several times slower.
 *
 * <p>Per-report settings ({@link FormatOptions#settings()}) override the builder's values: {@value
 * #SETTING_ORIENTATION}, {@value #SETTING_PAGE_SIZE} and {@value #SETTING_MAX_COLUMNS}. Font files are chosen
 * by the host only (builder), never by a report's settings.
 *
 * <p>Immutable and thread-safe.
 */
public final class PdfFormatter implements OutputFormatter {

    /** Setting: {@code auto}, {@code portrait} or {@code landscape}. */
    public static final String SETTING_ORIENTATION = "pdf.orientation";
    /** Setting: {@code a4}, {@code a3}, {@code letter} or {@code legal}. */
    public static final String SETTING_PAGE_SIZE = "pdf.pageSize";
    /** Setting: the most columns shown, 1-{@value #MAX_COLUMNS_LIMIT}. */
    public static final String SETTING_MAX_COLUMNS = "pdf.maxColumns";
    /** Setting: {@code stream} or {@code table}, see {@link TableLayout}. */
    public static final String SETTING_LAYOUT = "pdf.layout";
    /** Setting: the most lines of one cell in the {@code stream} layout, 1-{@value #MAX_LINES_LIMIT}. */
    public static final String SETTING_MAX_LINES = "pdf.maxLines";

    /** With {@link Orientation#AUTO}, tables of up to this many columns are portrait, wider ones landscape. */
    public static final int PORTRAIT_MAX_COLUMNS = 6;
    /** The upper bound of {@link Builder#maxColumns(int)}. */
    public static final int MAX_COLUMNS_LIMIT = 60;
    /** The upper bound of {@link Builder#maxLines(int)}. */
    public static final int MAX_LINES_LIMIT = 40;

    /** Default orientation. */
    public static final Orientation DEFAULT_ORIENTATION = Orientation.AUTO;
    /** Default page size. */
    public static final PageSize DEFAULT_PAGE_SIZE = PageSize.A4;
    /** Default most columns shown: more do not stay readable on a landscape A4 page. */
    public static final int DEFAULT_MAX_COLUMNS = 20;
    /** Default rows per chunk handed to OpenPDF. */
    public static final int DEFAULT_CHUNK_ROWS = 1_000;
    /** Default longest text shown in one cell. */
    public static final int DEFAULT_MAX_CELL_CHARS = 2_000;
    /** Default table layout. */
    public static final TableLayout DEFAULT_LAYOUT = TableLayout.STREAM;
    /** Default most lines of one cell in the {@code STREAM} layout. */
    public static final int DEFAULT_MAX_LINES = 12;

    private static final Set<String> SETTINGS =
            Set.of(SETTING_ORIENTATION, SETTING_PAGE_SIZE, SETTING_MAX_COLUMNS, SETTING_LAYOUT, SETTING_MAX_LINES);

    private static final PdfFormatter DEFAULTS = builder().build();

    /** Page orientation. */
    public enum Orientation {
        /** Portrait for narrow tables, landscape for wide ones. */
        AUTO,
        /** Always portrait. */
        PORTRAIT,
        /** Always landscape. */
        LANDSCAPE
    }

    /** How the table is put on pages. */
    public enum TableLayout {
        /**
         * Rows are written straight into each page's content stream with column widths fixed from the header and
         * the first rows: several times faster than {@code TABLE}, memory flat at any size. A cell shows at most
         * {@link Builder#maxLines(int)} lines; it wraps at spaces (within a word when the word alone is too wide)
         * and its last line ends in "…" when text is left over.
         */
        STREAM,
        /** OpenPDF's {@code PdfPTable}, handed over in chunks: every line of every cell is shown. */
        TABLE
    }

    /** Paper size. */
    public enum PageSize {
        /** ISO A4, 210 x 297 mm. */
        A4,
        /** ISO A3, 297 x 420 mm. */
        A3,
        /** US Letter, 8.5 x 11 in. */
        LETTER,
        /** US Legal, 8.5 x 14 in. */
        LEGAL
    }

    private final Orientation orientation;
    private final PageSize pageSize;
    private final int maxColumns;
    private final int chunkRows;
    private final int maxCellChars;
    private final List<Path> fallbackFonts;
    private final boolean systemFallbackFonts;
    private final TableLayout layout;
    private final int maxLines;

    private PdfFormatter(Builder b) {
        this.layout = b.layout;
        this.maxLines = b.maxLines;
        this.orientation = b.orientation;
        this.pageSize = b.pageSize;
        this.maxColumns = b.maxColumns;
        this.chunkRows = b.chunkRows;
        this.maxCellChars = b.maxCellChars;
        this.fallbackFonts = List.copyOf(b.fallbackFonts);
        this.systemFallbackFonts = b.systemFallbackFonts;
    }

    /** A formatter with the defaults. */
    public static PdfFormatter ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns {@code "pdf"}. */
    @Override
    public String id() {
        return "pdf";
    }

    /** Returns {@code "application/pdf"}. */
    @Override
    public String mediaType() {
        return "application/pdf";
    }

    /** Returns {@code "pdf"}. */
    @Override
    public String fileExtension() {
        return "pdf";
    }

    @Override
    public MeteredFormatWriter open(OutputStream out, FormatOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        return new PdfFormatWriter(out, options, layout(options.settings()));
    }

    /**
     * Checks per-report settings without writing anything, e.g. when a schedule is saved.
     *
     * @param settings the report's settings; keys of other formats are ignored
     * @throws ReportsValidationException naming the first bad key and its value
     */
    public void validateSettings(Map<String, String> settings) {
        layout(settings);
    }

    private PdfFormatWriter.Layout layout(Map<String, String> settings) {
        Settings s = Settings.of(settings, "pdf.", SETTINGS);
        List<String> fonts = new ArrayList<>();
        fallbackFonts.forEach(p -> fonts.add(p.toString()));
        if (systemFallbackFonts) {
            fonts.addAll(PdfFonts.SYSTEM_FALLBACKS);
        }
        return new PdfFormatWriter.Layout(
                s.choice(SETTING_ORIENTATION, orientation, Orientation.class),
                s.choice(SETTING_PAGE_SIZE, pageSize, PageSize.class),
                s.integer(SETTING_MAX_COLUMNS, maxColumns, 1, MAX_COLUMNS_LIMIT),
                chunkRows,
                maxCellChars,
                List.copyOf(fonts),
                s.choice(SETTING_LAYOUT, layout, TableLayout.class),
                s.integer(SETTING_MAX_LINES, maxLines, 1, MAX_LINES_LIMIT));
    }

    /** The page orientation rule. */
    public Orientation orientation() {
        return orientation;
    }

    /** The paper size. */
    public PageSize pageSize() {
        return pageSize;
    }

    /** The most columns shown. */
    public int maxColumns() {
        return maxColumns;
    }

    /** Rows per chunk handed to OpenPDF. */
    public int chunkRows() {
        return chunkRows;
    }

    /** The longest text shown in one cell. */
    public int maxCellChars() {
        return maxCellChars;
    }

    /** The table layout. */
    public TableLayout layout() {
        return layout;
    }

    /** The most lines of one cell in the {@code STREAM} layout. */
    public int maxLines() {
        return maxLines;
    }

    /** Fallback font files given by the host, in order. */
    public List<Path> fallbackFonts() {
        return fallbackFonts;
    }

    /** Whether CJK fonts at usual places on the machine are used as a last fallback. */
    public boolean systemFallbackFonts() {
        return systemFallbackFonts;
    }

    @Override
    public String toString() {
        return "PdfFormatter[orientation=" + orientation + ", pageSize=" + pageSize + ", maxColumns=" + maxColumns
                + ", chunkRows=" + chunkRows + ", maxCellChars=" + maxCellChars + ", fallbackFonts=" + fallbackFonts
                + ", systemFallbackFonts=" + systemFallbackFonts + ", layout=" + layout + ", maxLines=" + maxLines
                + "]";
    }

    /** Builds a {@link PdfFormatter}; setters validate on the spot. */
    public static final class Builder {
        private Orientation orientation = DEFAULT_ORIENTATION;
        private PageSize pageSize = DEFAULT_PAGE_SIZE;
        private int maxColumns = DEFAULT_MAX_COLUMNS;
        private int chunkRows = DEFAULT_CHUNK_ROWS;
        private int maxCellChars = DEFAULT_MAX_CELL_CHARS;
        private final List<Path> fallbackFonts = new ArrayList<>();
        private boolean systemFallbackFonts = true;
        private TableLayout layout = DEFAULT_LAYOUT;
        private int maxLines = DEFAULT_MAX_LINES;

        private Builder() {}

        /** The table layout. Default {@link TableLayout#STREAM}. */
        public Builder layout(TableLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** The most lines of one cell in the {@code STREAM} layout, 1-40. Default 12. */
        public Builder maxLines(int lines) {
            this.maxLines = Settings.checkRange("maxLines", lines, 1, MAX_LINES_LIMIT);
            return this;
        }

        /** Page orientation. Default {@link Orientation#AUTO}. */
        public Builder orientation(Orientation orientation) {
            this.orientation = Objects.requireNonNull(orientation, "orientation");
            return this;
        }

        /** Paper size. Default {@link PageSize#A4}. */
        public Builder pageSize(PageSize pageSize) {
            this.pageSize = Objects.requireNonNull(pageSize, "pageSize");
            return this;
        }

        /** The most columns shown, 1-60; the rest are named in a note. Default 20. */
        public Builder maxColumns(int maxColumns) {
            this.maxColumns = Settings.checkRange("maxColumns", maxColumns, 1, MAX_COLUMNS_LIMIT);
            return this;
        }

        /** Rows handed to OpenPDF at a time, 10-100,000. Default 1,000; memory grows with it. */
        public Builder chunkRows(int rows) {
            this.chunkRows = Settings.checkRange("chunkRows", rows, 10, 100_000);
            return this;
        }

        /** The longest text shown in a cell, 10-100,000 characters; longer text ends in "…". Default 2,000. */
        public Builder maxCellChars(int chars) {
            this.maxCellChars = Settings.checkRange("maxCellChars", chars, 10, 100_000);
            return this;
        }

        /**
         * Adds a TrueType font file ({@code .ttf}, or the first font of a {@code .ttc}) for characters the
         * bundled font lacks, e.g. a CJK font. Fonts are tried in the order added; a file that cannot be read
         * when a document needs it is skipped.
         */
        public Builder fallbackFont(Path fontFile) {
            fallbackFonts.add(Objects.requireNonNull(fontFile, "fontFile"));
            return this;
        }

        /** Whether to look for a CJK font at usual places on the machine after the added ones. Default true. */
        public Builder systemFallbackFonts(boolean use) {
            this.systemFallbackFonts = use;
            return this;
        }

        /** Builds the formatter. */
        public PdfFormatter build() {
            return new PdfFormatter(this);
        }
    }
}
