package io.scheduledreports.formats.internal;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ColumnType;
import io.scheduledreports.spi.FormatOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Streams rows into an XLSX workbook with fastexcel.
 *
 * <p>Memory stays flat: text goes in as inline strings (fastexcel's shared-string table would keep every
 * distinct string until the end), and rows are flushed to the zip stream in batches. Number formats are set
 * per batch on a whole column range, which costs one style lookup per column and batch instead of one per
 * cell. Column widths are estimated from the header and the first batch, because the widths must be written
 * before the first row reaches the stream.
 *
 * <p>fastexcel writes a fixed {@code <dimension ref="A1"/>} at the top of every sheet, before it can know the
 * data's extent, and readers that trust the dimension (openpyxl in read-only mode) then see one cell. So the
 * workbook is first written uncompressed to a private temporary file, then copied into the output with each
 * sheet's true dimension ({@code A1:G830}) and the configured compression: one deflate pass as before, plus
 * the temporary file's disk traffic. The temporary file is deleted when the writer closes, also after a
 * failure.
 */
public final class XlsxFormatWriter extends AbstractFormatWriter {
    /** Excel stores numbers as doubles: beyond 15 significant digits it silently changes them. */
    private static final int EXCEL_DIGITS = 15;

    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;
    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 60;
    private static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final String FIXED_DIMENSION = "<dimension ref=\"A1\"/>";
    /** Excel shows at most 30 decimals in a number format. */
    private static final int MAX_FORMAT_DECIMALS = 30;

    /**
     * Workbook settings.
     *
     * @param maxRowsPerSheet rows per sheet including the header; more rows continue on a new sheet
     * @param compressionLevel deflate level 0-9 of the zip
     * @param largeNumbersAsText whether numbers Excel cannot hold exactly are written as text
     * @param sheetName the first data sheet's name, or null for the report's title
     * @param freezeHeader whether the header row is frozen
     * @param autoFilter whether the header row gets an auto-filter
     * @param columnWidths widths of the first columns in characters; the others are estimated
     * @param aboutSheet whether a last sheet "About" shows the report's name, parameters and generation time
     */
    public record Layout(
            int maxRowsPerSheet,
            int compressionLevel,
            boolean largeNumbersAsText,
            String sheetName,
            boolean freezeHeader,
            boolean autoFilter,
            int[] columnWidths,
            boolean aboutSheet) {

        /** The settings of earlier versions: header frozen and filtered, widths estimated, no About sheet. */
        public Layout(int maxRowsPerSheet, int compressionLevel, boolean largeNumbersAsText) {
            this(maxRowsPerSheet, compressionLevel, largeNumbersAsText, null, true, true, new int[0], false);
        }
    }

    private static final String ABOUT_SHEET = "About";
    private static final java.util.regex.Pattern CREATED =
            java.util.regex.Pattern.compile("(<dcterms:created [^>]*>)[^<]*(</dcterms:created>)");

    private final FormatOptions options;
    private final Layout layout;
    private final ZoneId zone;
    private Workbook workbook;
    private Worksheet sheet;
    private int sheetNumber;
    private List<Column> columns;
    private ColumnType[] types;
    private String[] formats;
    /** Per column without a declared scale: the largest scale of the batch's exact decimals, or -1. */
    private int[] batchScales;

    private final List<String> dimensions = new ArrayList<>();
    private Path scratch;
    private OutputStream scratchOut;
    private double[] widths;
    private boolean widthsFinal;
    /** The first columns whose width the settings fix. */
    private int fixedWidths;

    private int batchRows;
    private int nextRow;
    private int batchStart;

    public XlsxFormatWriter(OutputStream out, FormatOptions options, Layout layout) {
        super(out);
        this.options = options;
        this.layout = layout;
        this.zone = options.zone();
    }

    private void openWorkbook() throws IOException {
        scratch = Files.createTempFile("scheduled-reports-", ".xlsx.tmp"); // 0600 on POSIX
        scratchOut = new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16);
        workbook = new Workbook(scratchOut, "Scheduled Reports", null);
        workbook.setCompressionLevel(0); // compressed once, when copied into the output
        if (!options.title().isBlank()) {
            workbook.properties().setTitle(options.title());
        }
        workbook.properties().setSubject("Scheduled report");
        if (!options.parameters().isEmpty()) {
            workbook.properties().setDescription(parameterLine());
        }
    }

    @Override
    protected void start(List<Column> cols) throws IOException {
        columns = cols;
        int n = cols.size();
        types = new ColumnType[n];
        formats = new String[n];
        batchScales = new int[n];
        java.util.Arrays.fill(batchScales, -1);
        widths = new double[n];
        for (int c = 0; c < n; c++) {
            Column col = cols.get(c);
            types[c] = col.type();
            formats[c] = numberFormat(col);
            widths[c] = Math.max(
                    MIN_WIDTH,
                    switch (col.type()) {
                        case DATE -> 12;
                        case DATE_TIME -> 20;
                        default -> 0;
                    });
            // Room for the bold label and the filter button.
            widths[c] = Math.max(widths[c], Math.min(MAX_WIDTH, col.label().length() * 1.2 + 4));
        }
        fixedWidths = Math.min(n, layout.columnWidths().length);
        for (int c = 0; c < fixedWidths; c++) {
            widths[c] = layout.columnWidths()[c];
        }
        // Fewer rows per batch for wide reports, so a batch stays a few thousand cells.
        batchRows = Math.clamp(20_000 / n, 100, 1_000);
        openWorkbook();
        newSheet();
    }

    private static String numberFormat(Column col) {
        String pattern = col.pattern();
        return switch (col.type()) {
            case INTEGER -> pattern != null ? pattern : "0";
            case DECIMAL ->
                pattern != null
                        ? pattern
                        : col.scale() > 0 ? "#,##0." + "0".repeat(col.scale()) : col.scale() == 0 ? "#,##0" : null;
            case DATE -> {
                String f = pattern == null ? null : ExcelNames.excelDateFormat(pattern);
                yield f != null ? f : DATE_FORMAT;
            }
            case DATE_TIME -> {
                String f = pattern == null ? null : ExcelNames.excelDateFormat(pattern);
                yield f != null ? f : DATE_TIME_FORMAT;
            }
            case TEXT, BOOLEAN -> null;
        };
    }

    private void newSheet() {
        sheetNumber++;
        sheet = workbook.newWorksheet(sheetName(sheetNumber));
        int n = columns.size();
        for (int c = 0; c < n; c++) {
            sheet.inlineString(0, c, columns.get(c).label());
        }
        sheet.range(0, 0, 0, n - 1)
                .style()
                .bold()
                .fillColor("DDE4EE")
                .borderStyle(org.dhatim.fastexcel.BorderSide.BOTTOM, org.dhatim.fastexcel.BorderStyle.THIN)
                .set();
        if (layout.freezeHeader()) {
            sheet.freezePane(0, 1);
        }
        nextRow = 1;
        batchStart = 1;
    }

    @Override
    protected void write(Object[] values, long rowNumber) throws IOException {
        if (nextRow >= layout.maxRowsPerSheet()) {
            finishSheet();
            newSheet();
        }
        int r = nextRow;
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v != null) {
                cell(r, c, v, rowNumber);
            }
        }
        nextRow = r + 1;
        if (nextRow - batchStart >= batchRows) {
            flushBatch();
        }
    }

    private void cell(int r, int c, Object v, long rowNumber) {
        switch (types[c]) {
            case TEXT -> {
                String s = Cells.text(v);
                sheet.inlineString(r, c, s);
                sample(c, s.length());
            }
            case INTEGER -> integer(r, c, v);
            case DECIMAL -> decimal(r, c, (Number) v, rowNumber);
            case BOOLEAN -> sheet.value(r, c, (Boolean) v);
            case DATE -> {
                LocalDate d = (LocalDate) v;
                if (d.getYear() < 1900) {
                    sheet.inlineString(r, c, d.toString()); // before Excel's epoch
                } else {
                    sheet.value(r, c, d);
                }
            }
            case DATE_TIME -> {
                LocalDateTime t = Cells.local(v, zone);
                if (t.getYear() < 1900) {
                    sheet.inlineString(r, c, t.toString());
                } else {
                    sheet.value(r, c, t);
                }
            }
        }
    }

    private void integer(int r, int c, Object v) {
        if (v instanceof BigInteger b) {
            if (!layout.largeNumbersAsText() || b.abs().compareTo(BigInteger.valueOf(EXACT_DOUBLE_LIMIT)) <= 0) {
                sheet.value(r, c, b);
                sample(c, b.toString().length());
            } else {
                text(r, c, b.toString());
            }
            return;
        }
        long l = ((Number) v).longValue();
        if (layout.largeNumbersAsText() && (l > EXACT_DOUBLE_LIMIT || l < -EXACT_DOUBLE_LIMIT)) {
            text(r, c, Long.toString(l));
        } else {
            sheet.value(r, c, l);
            sample(c, digits(l));
        }
    }

    private void decimal(int r, int c, Number v, long rowNumber) {
        Column col = columns.get(c);
        if (v instanceof Double d && col.scale() < 0 && Double.isFinite(d)) {
            sheet.value(r, c, d); // a double is what Excel stores; nothing to lose
            sample(c, 12);
            return;
        }
        BigDecimal b = Cells.decimal(v, col, rowNumber);
        if (b.scale() > batchScales[c]) {
            batchScales[c] = Math.min(b.scale(), MAX_FORMAT_DECIMALS);
        }
        if (layout.largeNumbersAsText()
                && b.precision() > EXCEL_DIGITS
                && b.stripTrailingZeros().precision() > EXCEL_DIGITS) {
            text(r, c, b.toPlainString());
        } else {
            sheet.value(r, c, b.doubleValue());
            sample(c, b.precision() + 2);
        }
    }

    private void text(int r, int c, String s) {
        sheet.inlineString(r, c, s);
        sample(c, s.length());
    }

    private void sample(int c, int length) {
        if (!widthsFinal && c >= fixedWidths) {
            double w = Math.min(MAX_WIDTH, length * 1.1 + 2);
            if (w > widths[c]) {
                widths[c] = w;
            }
        }
    }

    private static int digits(long l) {
        return l == Long.MIN_VALUE ? 20 : Long.toString(Math.abs(l)).length() + (l < 0 ? 1 : 0);
    }

    private void flushBatch() throws IOException {
        if (batchStart == 1) {
            // The first flush writes the <cols> element: widths must be known by now.
            widthsFinal = true;
            for (int c = 0; c < widths.length; c++) {
                sheet.width(c, Math.ceil(widths[c]));
            }
        }
        int last = nextRow - 1;
        if (last >= batchStart) {
            for (int c = 0; c < formats.length; c++) {
                boolean number = types[c] == ColumnType.INTEGER || types[c] == ColumnType.DECIMAL;
                String format = formats[c];
                if (format == null && batchScales[c] >= 0) {
                    // No declared scale: show every decimal the batch's values have (10.25 and 1.5 as 10.25
                    // and 1.50); the cell keeps the exact value either way.
                    format = batchScales[c] == 0 ? "#,##0" : "#,##0." + "0".repeat(batchScales[c]);
                }
                batchScales[c] = -1;
                if (format != null || number) {
                    var style = sheet.range(batchStart, c, last, c).style();
                    if (format != null) {
                        style.format(format);
                    }
                    if (number) {
                        style.horizontalAlignment("right"); // also for big numbers kept as text
                    }
                    style.set();
                }
            }
        }
        sheet.flush();
        batchStart = nextRow;
    }

    private void finishSheet() throws IOException {
        flushBatch();
        if (layout.autoFilter()) {
            sheet.setAutoFilter(0, 0, nextRow - 1, columns.size() - 1);
        }
        sheet.finish();
        dimensions.add("A1:" + ExcelNames.columnLetters(columns.size() - 1) + nextRow);
    }

    @Override
    protected void finish(List<Column> cols) throws IOException {
        try {
            if (cols == null) {
                openWorkbook();
                workbook.newWorksheet(sheetName(1));
                dimensions.add("A1");
            } else {
                finishSheet();
            }
            if (layout.aboutSheet()) {
                aboutSheet();
            }
            workbook.finish();
            scratchOut.close();
            copyWithDimensions();
        } finally {
            if (scratch != null) {
                try {
                    scratchOut.close();
                } finally {
                    Files.deleteIfExists(scratch);
                }
            }
        }
    }

    private String sheetName(int number) {
        String name = ExcelNames.sheetName(layout.sheetName() != null ? layout.sheetName() : options.title(), number);
        return name.equalsIgnoreCase(ABOUT_SHEET) && layout.aboutSheet() ? name + " 1" : name;
    }

    /** A last sheet with what the report is: name, parameters, generation time and zone. */
    private void aboutSheet() {
        Worksheet about = workbook.newWorksheet(ABOUT_SHEET);
        int r = 0;
        about.inlineString(r, 0, "Report");
        about.inlineString(r++, 1, options.title());
        for (var p : options.parameters().entrySet()) {
            about.inlineString(r, 0, p.getKey());
            about.inlineString(r++, 1, p.getValue());
        }
        about.inlineString(r, 0, "Generated at");
        about.inlineString(
                r++,
                1,
                java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        options.generatedAt().atZone(zone).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        about.inlineString(r, 0, "Time zone");
        about.inlineString(r++, 1, zone.getId());
        about.range(0, 0, r - 1, 0).style().bold().set();
        about.width(0, 20);
        about.width(1, 60);
        dimensions.add("A1:B" + r);
    }

    private String parameterLine() {
        StringBuilder sb = new StringBuilder();
        options.parameters()
                .forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ")
                        .append(k)
                        .append('=')
                        .append(v));
        return sb.toString();
    }

    /** Copies the scratch workbook into the output, compressed, with each sheet's true dimension. */
    private void copyWithDimensions() throws IOException {
        // ZipFile, not ZipInputStream: fastexcel's local headers carry no sizes, the central directory does.
        try (ZipFile in = new ZipFile(scratch.toFile())) {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(layout.compressionLevel());
            byte[] head = new byte[4096];
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    int sheet = sheetIndex(entry.getName());
                    if (sheet >= 0 && sheet < dimensions.size()) {
                        int n = data.readNBytes(head, 0, head.length);
                        String start = new String(head, 0, n, StandardCharsets.ISO_8859_1);
                        int at = start.indexOf(FIXED_DIMENSION);
                        if (at < 0) {
                            throw new IOException("fastexcel no longer writes " + FIXED_DIMENSION + " at the top of "
                                    + entry.getName() + "; the XLSX writer must be adapted to this fastexcel version");
                        }
                        String fixed = start.substring(0, at)
                                + "<dimension ref=\"" + dimensions.get(sheet) + "\"/>"
                                + start.substring(at + FIXED_DIMENSION.length());
                        zip.write(fixed.getBytes(StandardCharsets.ISO_8859_1));
                    }
                    if ("docProps/core.xml".equals(entry.getName())) {
                        // fastexcel stamps the wall-clock time; the report's is its generation time
                        String core = new String(data.readAllBytes(), StandardCharsets.UTF_8);
                        String created = java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                                options.generatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                        zip.write(CREATED.matcher(core)
                                .replaceFirst("$1" + created + "$2")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    data.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.finish(); // not close: the caller owns the output stream
        }
    }

    /** 0 for {@code xl/worksheets/sheet1.xml}, -1 for entries that are not sheets. */
    private static int sheetIndex(String name) {
        String prefix = "xl/worksheets/sheet";
        if (!name.startsWith(prefix) || !name.endsWith(".xml")) {
            return -1;
        }
        try {
            return Integer.parseInt(name, prefix.length(), name.length() - 4, 10) - 1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
