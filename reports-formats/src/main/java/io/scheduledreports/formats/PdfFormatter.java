package io.scheduledreports.formats;

import io.scheduledreports.formats.internal.PdfBranding;
import io.scheduledreports.formats.internal.PdfFontFamily;
import io.scheduledreports.formats.internal.PdfFonts;
import io.scheduledreports.formats.internal.PdfFormatWriter;
import io.scheduledreports.formats.internal.Settings;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
 * #SETTING_ORIENTATION}, {@value #SETTING_PAGE_SIZE}, {@value #SETTING_MAX_COLUMNS}, {@value #SETTING_LAYOUT},
 * {@value #SETTING_MAX_LINES} and the branding settings {@value #SETTING_LOGO}, {@value #SETTING_TITLE}, {@value
 * #SETTING_SUBTITLE}, {@value #SETTING_HEADER}, {@value #SETTING_FOOTER}, {@value #SETTING_ACCENT} and {@value
 * #SETTING_FONT} (see {@link #validateSettings}). A schedule names them in its {@code format_options} without the
 * prefix, in snake case: {@code orientation}, {@code page_size}, {@code max_columns}, {@code layout}, {@code
 * max_lines}, {@code logo}, {@code title}, {@code subtitle}, {@code header}, {@code footer}, {@code accent},
 * {@code font}. Font and logo files are chosen by the host only (builder), never by a report's settings, which
 * can only name them.
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
    /** Setting: the name of a logo the host registered ({@link Builder#logoResource}, {@link Builder#logoFile}). */
    public static final String SETTING_LOGO = "pdf.logo";
    /** Setting: the title, with variables (see {@link #validateSettings}); default the report's title. */
    public static final String SETTING_TITLE = "pdf.title";
    /** Setting: a line under the title, with variables such as the report's parameters. */
    public static final String SETTING_SUBTITLE = "pdf.subtitle";
    /** Setting: a running header at the top of every page, with variables including {@code {page}}. */
    public static final String SETTING_HEADER = "pdf.header";
    /** Setting: the footer text left of the page number, with variables; default the report's title. */
    public static final String SETTING_FOOTER = "pdf.footer";
    /** Setting: the accent colour {@code #RRGGBB} of the header row, rules and title. */
    public static final String SETTING_ACCENT = "pdf.accent";
    /** Setting: the font, {@value #BUNDLED_FONT} or a name given to {@link Builder#font}. */
    public static final String SETTING_FONT = "pdf.font";
    /** The name of the bundled font, DejaVu Sans Condensed. */
    public static final String BUNDLED_FONT = PdfFontFamily.BUNDLED_NAME;

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

    private static final long MAX_LOGO_BYTES = 5L * 1024 * 1024;

    private static final Set<String> SETTINGS = Set.of(
            SETTING_ORIENTATION,
            SETTING_PAGE_SIZE,
            SETTING_MAX_COLUMNS,
            SETTING_LAYOUT,
            SETTING_MAX_LINES,
            SETTING_LOGO,
            SETTING_TITLE,
            SETTING_SUBTITLE,
            SETTING_HEADER,
            SETTING_FOOTER,
            SETTING_ACCENT,
            SETTING_FONT);

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
    private final Map<String, byte[]> logos;
    private final Map<String, PdfFontFamily> fonts;
    private final Map<String, String> defaults;

    private PdfFormatter(Builder b) {
        this.layout = b.layout;
        this.maxLines = b.maxLines;
        this.logos = Map.copyOf(b.logos);
        Map<String, PdfFontFamily> f = new LinkedHashMap<>(b.fonts);
        f.putIfAbsent(BUNDLED_FONT, PdfFontFamily.bundled());
        this.fonts = Map.copyOf(f);
        this.defaults = Map.copyOf(b.defaults);
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

    /** A builder starting from this formatter's settings, logos and fonts. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.orientation = orientation;
        b.pageSize = pageSize;
        b.maxColumns = maxColumns;
        b.chunkRows = chunkRows;
        b.maxCellChars = maxCellChars;
        b.fallbackFonts.addAll(fallbackFonts);
        b.systemFallbackFonts = systemFallbackFonts;
        b.layout = layout;
        b.maxLines = maxLines;
        b.logos.putAll(logos);
        b.fonts.putAll(fonts);
        b.defaults.putAll(defaults);
        return b;
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
     * <p>Branding settings: {@value #SETTING_LOGO} names a logo the host registered (a report never gives a path
     * or URL); {@value #SETTING_FONT} names the bundled font or one the host registered; {@value
     * #SETTING_ACCENT} is {@code #RRGGBB}; {@value #SETTING_TITLE}, {@value #SETTING_SUBTITLE}, {@value
     * #SETTING_HEADER} and {@value #SETTING_FOOTER} are texts of at most 300 characters with variables in
     * braces: {@code {report}} (the report's title), {@code {generated}} (generation time in the report's zone),
     * {@code {zone}}, any report parameter by name (resolved values, e.g. {@code {region}}), and in header and
     * footer {@code {page}} and {@code {pages}}. A name that is not known when the document is written is shown
     * as written.
     *
     * @param settings the report's settings; keys of other formats are ignored
     * @throws ReportsValidationException naming the first bad key and its value
     */
    @Override
    public void validateSettings(Map<String, String> settings) {
        layout(settings);
    }

    private PdfFormatWriter.Layout layout(Map<String, String> reportSettings) {
        Map<String, String> settings = reportSettings;
        if (!defaults.isEmpty()) {
            settings = new LinkedHashMap<>(defaults);
            settings.putAll(reportSettings);
        }
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
                s.integer(SETTING_MAX_LINES, maxLines, 1, MAX_LINES_LIMIT),
                branding(settings));
    }

    private PdfBranding branding(Map<String, String> settings) {
        String logoName = settings.get(SETTING_LOGO);
        byte[] logo = null;
        if (logoName != null) {
            logo = logos.get(logoName.trim());
            if (logo == null) {
                throw new ReportsValidationException(
                        SETTING_LOGO,
                        "must name a logo the host registered, one of " + new TreeSet<>(logos.keySet()) + ", was '"
                                + logoName + "'");
            }
        }
        String fontName = settings.getOrDefault(SETTING_FONT, BUNDLED_FONT).trim();
        PdfFontFamily family = fonts.get(fontName);
        if (family == null) {
            throw new ReportsValidationException(
                    SETTING_FONT,
                    "must be one of " + new TreeSet<>(fonts.keySet()) + ", was '" + settings.get(SETTING_FONT) + "'");
        }
        return new PdfBranding(
                logo,
                PdfBranding.text(SETTING_TITLE, settings.get(SETTING_TITLE), false),
                PdfBranding.text(SETTING_SUBTITLE, settings.get(SETTING_SUBTITLE), false),
                PdfBranding.text(SETTING_HEADER, settings.get(SETTING_HEADER), true),
                PdfBranding.text(SETTING_FOOTER, settings.get(SETTING_FOOTER), true),
                PdfBranding.colour(SETTING_ACCENT, settings.get(SETTING_ACCENT)),
                family);
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

    /** The names of the logos the host registered. */
    public Set<String> logos() {
        return new TreeSet<>(logos.keySet());
    }

    /** The names of the fonts reports can choose, the bundled one included. */
    public Set<String> fonts() {
        return new TreeSet<>(fonts.keySet());
    }

    /** The host's default settings, overridden by a report's own. */
    public Map<String, String> defaultSettings() {
        return defaults;
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
        private final Map<String, byte[]> logos = new LinkedHashMap<>();
        private final Map<String, PdfFontFamily> fonts = new LinkedHashMap<>();
        private final Map<String, String> defaults = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Registers a logo from the host's classpath (PNG or JPEG), which reports choose with {@value
         * #SETTING_LOGO}. Read and checked now.
         *
         * @param name the name reports use, e.g. {@code "acme"}
         * @param resource the resource path, e.g. {@code "/branding/acme.png"}, looked up with the thread's
         *     context class loader, else this library's
         * @throws ReportsValidationException if the resource is missing or not a PNG or JPEG image
         */
        public Builder logoResource(String name, String resource) {
            Objects.requireNonNull(resource, "resource");
            String path = resource.startsWith("/") ? resource.substring(1) : resource;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            java.io.InputStream in = loader == null ? null : loader.getResourceAsStream(path);
            if (in == null) {
                in = PdfFormatter.class.getClassLoader().getResourceAsStream(path);
            }
            if (in == null) {
                throw new ReportsValidationException(
                        "logo '" + name + "'", "must be a resource on the classpath, was '" + resource + "'");
            }
            try (java.io.InputStream stream = in) {
                return logo(name, stream.readAllBytes(), resource);
            } catch (IOException e) {
                throw new ReportsValidationException("logo '" + name + "'", "cannot be read from " + resource, e);
            }
        }

        /**
         * Registers a logo file the host configures (PNG or JPEG), which reports choose with {@value
         * #SETTING_LOGO}. Read and checked now.
         *
         * @throws ReportsValidationException if the file cannot be read or is not a PNG or JPEG image
         */
        public Builder logoFile(String name, Path file) {
            Objects.requireNonNull(file, "file");
            try {
                if (Files.size(file) > MAX_LOGO_BYTES) {
                    throw new ReportsValidationException(
                            "logo '" + name + "'", "must be at most 5 MB, was " + Files.size(file) + " bytes");
                }
                return logo(name, Files.readAllBytes(file), file.toString());
            } catch (IOException e) {
                throw new ReportsValidationException("logo '" + name + "'", "cannot be read from " + file, e);
            }
        }

        private Builder logo(String name, byte[] bytes, String source) {
            checkName("logo", name);
            boolean png = bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N';
            boolean jpeg = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
            if (!png && !jpeg || bytes.length > MAX_LOGO_BYTES) {
                throw new ReportsValidationException(
                        "logo '" + name + "'", "must be a PNG or JPEG image of at most 5 MB, was " + source);
            }
            try {
                org.openpdf.text.Image.getInstance(bytes);
            } catch (RuntimeException | IOException e) {
                throw new ReportsValidationException(
                        "logo '" + name + "'", "is not a readable PNG or JPEG image: " + source, e);
            }
            logos.put(name, bytes);
            return this;
        }

        /**
         * Registers a host's TrueType font, which reports choose with {@value #SETTING_FONT}. Read and checked
         * now; embedded as a subset in every document that uses it.
         *
         * @param name the name reports use
         * @param regular the regular {@code .ttf}
         * @param bold the bold {@code .ttf} for the header row, or null to use {@code regular}
         * @throws ReportsValidationException if a file cannot be read or is not a TrueType font
         */
        public Builder font(String name, Path regular, Path bold) {
            checkName("font", name);
            Objects.requireNonNull(regular, "regular");
            if (BUNDLED_FONT.equals(name)) {
                throw new ReportsValidationException("font", "'" + name + "' is the bundled font's name");
            }
            fonts.put(name, PdfFontFamily.load(name, regular, bold));
            return this;
        }

        /**
         * The host's default {@code pdf.*} settings, e.g. its logo, accent colour and footer; a report's own
         * settings override them. Checked when the formatter is built.
         */
        public Builder defaultSettings(Map<String, String> settings) {
            defaults.clear();
            defaults.putAll(Objects.requireNonNull(settings, "settings"));
            return this;
        }

        private static void checkName(String what, String name) {
            Objects.requireNonNull(name, what + " name");
            if (!name.matches("[A-Za-z0-9_.\\-]{1,64}")) {
                throw new ReportsValidationException(
                        what + " name", "must be 1-64 letters, digits, '_', '.' or '-', was '" + name + "'");
            }
        }

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

        /**
         * Builds the formatter.
         *
         * @throws ReportsValidationException if the default settings are not valid
         */
        public PdfFormatter build() {
            PdfFormatter f = new PdfFormatter(this);
            f.validateSettings(Map.of());
            return f;
        }
    }
}
