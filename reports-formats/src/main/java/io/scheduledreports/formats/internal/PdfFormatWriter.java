package io.scheduledreports.formats.internal;

import io.scheduledreports.formats.PdfFormatter;
import io.scheduledreports.formats.PdfFormatter.Orientation;
import io.scheduledreports.formats.PdfFormatter.PageSize;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ColumnType;
import io.scheduledreports.spi.FormatOptions;
import java.awt.Color;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Streams rows into a PDF table with OpenPDF.
 *
 * <p>The first {@value #SAMPLE_ROWS} rows are held back to choose the layout: orientation, type size and column
 * widths that let numbers and dates stay on one line. From then on the table is a {@code LargeElement}: marked
 * incomplete and handed to the document every {@code chunkRows} rows, which lays those rows out on pages and
 * drops them, so memory does not grow with the report. "Page n / m" stays streaming-safe: m is a small template
 * drawn on every page and filled in when the document closes.
 */
public final class PdfFormatWriter extends AbstractFormatWriter {
    private static final int SAMPLE_ROWS = 50;
    private static final float MARGIN = 36;
    private static final float FOOTER_MARGIN = 48;
    private static final float PADDING = 7;
    private static final float SMALLEST_TYPE = 6;
    private static final float LOGO_HEIGHT = 40;
    private static final Color MUTED = PdfStyle.MUTED;
    private static final Color WARNING = new Color(0x9A, 0x3B, 0x00);
    private static final Color INK = PdfStyle.INK;

    /**
     * Page and table settings.
     *
     * @param orientation portrait, landscape or by column count
     * @param pageSize paper size
     * @param maxColumns most columns shown
     * @param chunkRows rows handed to OpenPDF at a time
     * @param maxCellChars longest text shown in a cell
     * @param fallbackFonts font files for characters the bundled font lacks
     * @param table how the table is laid out
     * @param maxLines most lines of one cell in the {@code STREAM} layout
     * @param branding logo, texts, colour and font
     */
    public record Layout(
            Orientation orientation,
            PageSize pageSize,
            int maxColumns,
            int chunkRows,
            int maxCellChars,
            List<String> fallbackFonts,
            PdfFormatter.TableLayout table,
            int maxLines,
            PdfBranding branding) {}

    private final FormatOptions options;
    private final Layout layout;
    private final PdfFonts fonts;
    private final PdfStyle style;
    private final Map<String, String> variables;
    private Document document;
    private PdfWriter writer;
    private List<Column> columns;
    private List<Column> shown;
    private CellText[] renderers;
    private boolean[] rightAligned;
    private Font bodyFont;
    private List<String[]> sample = new ArrayList<>();
    private PdfPTable table;
    private PdfStreamTable stream;
    private int rowsInChunk;
    private long tableRows;

    public PdfFormatWriter(OutputStream out, FormatOptions options, Layout layout) {
        super(out);
        this.options = options;
        this.layout = layout;
        this.fonts = new PdfFonts(layout.branding().fonts(), layout.fallbackFonts());
        this.style = PdfStyle.accent(layout.branding().accent());
        this.variables = PdfBranding.variables(options);
    }

    @Override
    protected void start(List<Column> declared) {
        columns = declared;
        shown = declared.subList(0, Math.min(declared.size(), layout.maxColumns()));
        int n = shown.size();
        renderers = new CellText[n];
        rightAligned = new boolean[n];
        for (int c = 0; c < n; c++) {
            Column col = shown.get(c);
            renderers[c] = CellText.human(col, options.locale(), options.zone());
            rightAligned[c] = col.type() == ColumnType.INTEGER || col.type() == ColumnType.DECIMAL;
        }
    }

    @Override
    protected void write(Object[] values, long rowNumber) {
        int n = renderers.length;
        String[] texts = new String[n];
        for (int c = 0; c < n; c++) {
            Object v = values[c];
            if (v != null) {
                String s = renderers[c].text(v, rowNumber);
                texts[c] = s.length() > layout.maxCellChars() ? cut(s, layout.maxCellChars()) : s;
            }
        }
        if (stream != null) {
            stream.addRow(texts);
        } else if (table == null) {
            sample.add(texts);
            if (sample.size() == SAMPLE_ROWS) {
                startTable();
            }
        } else {
            addRow(texts);
        }
    }

    private static String cut(String s, int max) {
        int end = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
        return s.substring(0, end) + "\u2026";
    }

    // ---- layout -------------------------------------------------------------------------------------------

    private Rectangle page(boolean landscape) {
        Rectangle size = switch (layout.pageSize()) {
            case A4 -> org.openpdf.text.PageSize.A4;
            case A3 -> org.openpdf.text.PageSize.A3;
            case LETTER -> org.openpdf.text.PageSize.LETTER;
            case LEGAL -> org.openpdf.text.PageSize.LEGAL;
        };
        // A landscape media box rather than a rotated portrait one (Rectangle.rotate()), so viewers, printers and
        // text extraction all see the same page.
        return landscape ? new Rectangle(size.getHeight(), size.getWidth()) : size;
    }

    /** Widths of one column's header words and sampled values at a type size of 1 point. */
    private record Measure(boolean text, float header, float content) {}

    private Measure[] measure() {
        Measure[] m = new Measure[shown.size()];
        for (int c = 0; c < m.length; c++) {
            Column col = shown.get(c);
            float header = 0;
            for (String word : col.label().split("\\s+")) {
                header = Math.max(header, fonts.bold().getWidthPoint(word, 1));
            }
            float[] values = new float[sample.size()];
            for (int r = 0; r < values.length; r++) {
                String v = sample.get(r)[c];
                values[r] = v == null ? 0 : fonts.regular().getWidthPoint(v, 1);
            }
            Arrays.sort(values);
            boolean text = col.type() == ColumnType.TEXT;
            // Text: the 90th percentile, so one long comment does not squeeze every other column.
            float content = values.length == 0
                    ? 0
                    : text ? values[(int) Math.floor((values.length - 1) * 0.9)] : values[values.length - 1];
            if (rightAligned[c]) {
                // Numbers grow (ids, totals) and must not wrap: leave room for three more digits, and for at
                // least seven in all.
                Object typical = col.type() == ColumnType.INTEGER ? (Object) 9_999_999L : new BigDecimal("9999999.99");
                float seven = fonts.regular().getWidthPoint(renderers[c].text(typical, 0), 1);
                content = Math.max(content + fonts.regular().getWidthPoint("0,000", 1), seven);
            } else if (!text) {
                content = Math.max(content, widestOfKind(col, renderers[c]));
            }
            m[c] = new Measure(text, header, content);
        }
        return m;
    }

    /**
     * The widest text a date, date-time or boolean column can show, so that a later row (May after a sample from
     * January, "No" after a sample of "Yes") does not wrap: every month, at a late hour with two-digit fields.
     */
    private float widestOfKind(Column col, CellText renderer) {
        List<Object> candidates = new ArrayList<>();
        switch (col.type()) {
            case BOOLEAN -> candidates.addAll(List.of(true, false));
            case DATE -> {
                for (int month = 1; month <= 12; month++) {
                    candidates.add(java.time.LocalDate.of(2026, month, 28));
                }
            }
            case DATE_TIME -> {
                for (int month = 1; month <= 12; month++) {
                    candidates.add(java.time.LocalDateTime.of(2026, month, 28, 22, 58, 58));
                }
            }
            default -> {}
        }
        float widest = 0;
        for (Object v : candidates) {
            widest = Math.max(widest, fonts.regular().getWidthPoint(renderer.text(v, 0), 1));
        }
        return widest;
    }

    /**
     * Chooses orientation, type size and column widths: the first of portrait (with {@link Orientation#AUTO},
     * up to {@value PdfFormatter#PORTRAIT_MAX_COLUMNS} columns) and landscape, and the largest size from a
     * default that shrinks with the column count down to {@value #SMALLEST_TYPE} points, in which every header
     * word and every number and date fits on one line. Failing that, landscape at the smallest size with the
     * widths scaled down.
     */
    private void startTable() {
        Measure[] m = measure();
        int n = m.length;
        List<Boolean> orientations = switch (layout.orientation()) {
            case PORTRAIT -> List.of(false);
            case LANDSCAPE -> List.of(true);
            case AUTO -> n <= PdfFormatter.PORTRAIT_MAX_COLUMNS ? List.of(false, true) : List.of(true);
        };
        float start = n <= 6 ? 9 : n <= 10 ? 8 : n <= 16 ? 7 : SMALLEST_TYPE;
        boolean landscape = orientations.getLast();
        float size = SMALLEST_TYPE;
        float[] widths = null;
        search:
        for (boolean l : orientations) {
            float available = page(l).getWidth() - 2 * MARGIN;
            for (float s = start; s >= SMALLEST_TYPE; s -= 0.5f) {
                float[] w = widths(m, s, available);
                if (w != null) {
                    landscape = l;
                    size = s;
                    widths = w;
                    break search;
                }
            }
        }
        if (widths == null) {
            widths = minWidths(m, size);
        }
        openDocument(landscape);
        intro(columns);
        if (layout.table() == PdfFormatter.TableLayout.STREAM) {
            String[] labels = new String[n];
            for (int c = 0; c < n; c++) {
                labels[c] = shown.get(c).label();
            }
            stream = new PdfStreamTable(
                    writer, document, fonts, style, size, widths, rightAligned, labels, layout.maxLines());
            // Below what the document has laid out so far, with the same gap as the TABLE layout.
            stream.start(writer.getVerticalPosition(true) - 2);
            for (String[] row : sample) {
                stream.addRow(row);
            }
            sample = null;
            return;
        }
        bodyFont = new Font(fonts.regular(), size, Font.NORMAL, INK);
        Font headerFont = new Font(fonts.bold(), size, Font.NORMAL, style.headerText());

        table = new PdfPTable(n);
        table.setWidthPercentage(100);
        table.setWidths(widths);
        table.setHeaderRows(1);
        table.setComplete(false);
        table.setSpacingBefore(2);
        for (int c = 0; c < n; c++) {
            PdfPCell cell = new PdfPCell(fonts.phrase(shown.get(c).label(), headerFont));
            cell.setBackgroundColor(style.headerBackground());
            cell.setBorder(Rectangle.BOTTOM);
            cell.setBorderColor(style.headerRule());
            cell.setBorderWidth(0.75f);
            padding(cell);
            cell.setHorizontalAlignment(rightAligned[c] ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            cell.setVerticalAlignment(Element.ALIGN_BOTTOM);
            table.addCell(cell);
        }
        for (String[] row : sample) {
            addRow(row);
        }
        sample = null;
    }

    private static float[] minWidths(Measure[] m, float size) {
        float[] min = new float[m.length];
        for (int c = 0; c < m.length; c++) {
            min[c] = m[c].header() * size + PADDING;
            if (!m[c].text()) {
                min[c] = Math.max(min[c], m[c].content() * size + PADDING);
            }
        }
        return min;
    }

    /**
     * Widths in points that fill {@code available}, or null if the columns cannot fit at this size. Numbers,
     * dates and booleans get their widest sampled value; text columns their typical value (at most a third of
     * the page, longer text wraps), and they give way first when space is short, down to ten characters or
     * their longest header word.
     */
    private float[] widths(Measure[] m, float size, float available) {
        int n = m.length;
        float[] min = minWidths(m, size);
        float[] want = new float[n];
        float tenChars = fonts.regular().getWidthPoint("abcdefghij", size) + PADDING;
        boolean anyText = false;
        for (int c = 0; c < n; c++) {
            want[c] = Math.max(min[c], Math.min(m[c].content() * size + PADDING, available / 3));
            if (m[c].text()) {
                min[c] = Math.max(min[c], Math.min(want[c], tenChars));
                anyText = true;
            }
        }
        float total = sum(want);
        if (total <= available) {
            float grow = 0;
            for (int c = 0; c < n; c++) {
                grow += m[c].text() || !anyText ? want[c] : 0;
            }
            float extra = available - total;
            for (int c = 0; c < n; c++) {
                if (m[c].text() || !anyText) {
                    want[c] += extra * want[c] / grow;
                }
            }
            return want;
        }
        float minTotal = sum(min);
        if (minTotal > available) {
            return null;
        }
        // Narrow the columns that can wrap, each in proportion to how much it can give.
        float excess = total - available;
        float slack = total - minTotal;
        for (int c = 0; c < n; c++) {
            want[c] -= excess * (want[c] - min[c]) / slack;
        }
        return want;
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    // ---- document -----------------------------------------------------------------------------------------

    private void openDocument(boolean landscape) {
        document = new Document(page(landscape), MARGIN, MARGIN, MARGIN, FOOTER_MARGIN);
        writer = PdfWriter.getInstance(document, out);
        writer.setCloseStream(false);
        PdfBranding b = layout.branding();
        String footer = b.footer() == null ? options.title() : b.footer();
        writer.setPageEvent(new Footer(fonts, style, footer, b.header(), variables));
        String title = title();
        if (!title.isBlank()) {
            document.addTitle(title);
        }
        document.addCreator("Scheduled Reports");
        document.open();
    }

    private String title() {
        String t = layout.branding().title();
        return t == null ? options.title() : PdfBranding.resolve(t, variables);
    }

    private void intro(List<Column> all) {
        PdfBranding b = layout.branding();
        if (b.logo() != null) {
            try {
                Image logo = Image.getInstance(b.logo());
                logo.scaleToFit(160, LOGO_HEIGHT);
                logo.setAlignment(Image.ALIGN_LEFT);
                logo.setSpacingAfter(6);
                document.add(logo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // checked when the host registered it
            }
        }
        String title = title();
        if (!title.isBlank()) {
            Paragraph p = new Paragraph(fonts.phrase(title, new Font(fonts.bold(), 15, Font.NORMAL, style.title())));
            p.setSpacingAfter(2);
            document.add(p);
        }
        if (b.subtitle() != null) {
            Paragraph p = new Paragraph(fonts.phrase(
                    PdfBranding.resolve(b.subtitle(), variables), new Font(fonts.regular(), 10, Font.NORMAL, INK)));
            p.setSpacingAfter(2);
            document.add(p);
        }
        Font small = new Font(fonts.regular(), 8, Font.NORMAL, MUTED);
        String generated = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG)
                .withLocale(options.locale())
                .format(ZonedDateTime.ofInstant(options.generatedAt(), options.zone()));
        Paragraph when = new Paragraph(fonts.phrase(
                "Generated " + generated + " \u00b7 times in " + options.zone().getId(), small));
        when.setSpacingAfter(4);
        document.add(when);
        if (!options.parameters().isEmpty()) {
            document.add(parameters(options.parameters(), small));
        }
        if (all != null && all.size() > shown.size()) {
            List<Column> hidden = all.subList(shown.size(), all.size());
            String names = hidden.stream().map(Column::label).limit(30).collect(Collectors.joining(", "));
            if (hidden.size() > 30) {
                names += ", \u2026";
            }
            Paragraph note = new Paragraph(fonts.phrase(
                    "Showing " + shown.size() + " of " + all.size() + " columns; not shown: " + names
                            + ". The CSV and XLSX formats contain every column.",
                    new Font(fonts.regular(), 8, Font.NORMAL, WARNING)));
            note.setSpacingAfter(4);
            document.add(note);
        }
    }

    private PdfPTable parameters(Map<String, String> params, Font small) {
        PdfPTable t = new PdfPTable(2);
        t.setHorizontalAlignment(Element.ALIGN_LEFT);
        Font key = new Font(fonts.bold(), 8, Font.NORMAL, MUTED);
        float keys = 0;
        float values = 0;
        for (Map.Entry<String, String> e : params.entrySet()) {
            keys = Math.max(keys, fonts.bold().getWidthPoint(e.getKey(), 8));
            values = Math.max(values, fonts.regular().getWidthPoint(String.valueOf(e.getValue()), 8));
        }
        float available = document.right() - document.left();
        keys = Math.min(keys + 12, available / 3);
        t.setTotalWidth(new float[] {keys, Math.min(values + 6, available - keys)});
        t.setLockedWidth(true);
        t.setSpacingAfter(6);
        params.forEach((k, v) -> {
            t.addCell(plainCell(fonts.phrase(k, key)));
            t.addCell(plainCell(fonts.phrase(v == null ? "" : v, small)));
        });
        return t;
    }

    private static PdfPCell plainCell(Phrase p) {
        PdfPCell cell = new PdfPCell(p);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPadding(1);
        return cell;
    }

    private static void padding(PdfPCell cell) {
        cell.setPaddingLeft(3);
        cell.setPaddingRight(3);
        cell.setPaddingTop(2);
        cell.setPaddingBottom(3.5f);
    }

    private void addRow(String[] texts) {
        boolean stripe = tableRows % 2 == 1;
        for (int c = 0; c < texts.length; c++) {
            String s = texts[c];
            PdfPCell cell = new PdfPCell(s == null ? new Phrase("", bodyFont) : fonts.phrase(s, bodyFont));
            cell.setBorder(Rectangle.BOTTOM);
            cell.setBorderColor(style.rule());
            cell.setBorderWidth(0.25f);
            padding(cell);
            if (rightAligned[c]) {
                cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
            }
            if (stripe) {
                cell.setBackgroundColor(style.stripe());
            }
            table.addCell(cell);
        }
        tableRows++;
        if (++rowsInChunk >= layout.chunkRows()) {
            addChunk();
        }
    }

    /**
     * Lays out the rows added so far and drops them. After the first chunk OpenPDF skips the header at the start
     * of a chunk, as the chunk usually continues a page that already shows it. But a chunk can also start a page:
     * when the previous one ended exactly at the foot of a page, or when the current page has no room left for
     * its first row. Such a chunk gets its header.
     */
    private void addChunk() {
        if (table.isSkipFirstHeader()) {
            table.setTotalWidth(document.right() - document.left());
            float firstRow = table.getRowHeight(table.getHeaderRows());
            float position = writer.getVerticalPosition(true);
            if (position - document.bottom() < firstRow + 1) {
                document.newPage();
                table.setSkipFirstHeader(false);
            } else if (position >= document.top() - 0.5f) {
                table.setSkipFirstHeader(false);
            }
        }
        document.add(table); // sets skipFirstHeader again for the next chunk
        rowsInChunk = 0;
    }

    @Override
    protected void finish(List<Column> declared) {
        if (declared == null) {
            shown = List.of();
            openDocument(false);
            intro(null);
            document.add(new Paragraph(
                    fonts.phrase("This report has no columns.", new Font(fonts.regular(), 9, Font.NORMAL, INK))));
        } else {
            if (table == null && stream == null) {
                startTable();
            }
            if (stream != null) {
                stream.finish();
                document.close();
                return;
            }
            table.setComplete(true);
            if (tableRows == 0) {
                table.setHeaderRows(0); // OpenPDF drops a table that has nothing but header rows
            }
            addChunk();
            if (tableRows == 0) {
                Paragraph none = new Paragraph(fonts.phrase("No rows.", bodyFont));
                none.setSpacingBefore(6);
                document.add(none);
            }
        }
        document.close();
    }

    /**
     * Draws the running header (if any) at the top of each page and "footer text ... Page n / m" at its foot; m
     * is filled in on close. {@code {page}} and {@code {pages}} in the texts become n and m.
     */
    private static final class Footer extends PdfPageEventHelper {
        private static final float SIZE = 7.5f;
        private final PdfFonts fonts;
        private final PdfStyle style;
        private final String footer;
        private final String header;
        private final Map<String, String> variables;
        private PdfTemplate total;
        private int pages;

        Footer(PdfFonts fonts, PdfStyle style, String footer, String header, Map<String, String> variables) {
            this.fonts = fonts;
            this.style = style;
            this.footer = footer;
            this.header = header;
            this.variables = new java.util.HashMap<>(variables);
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(totalWidth(), SIZE * 1.5f);
        }

        private float totalWidth() {
            return fonts.regular().getWidthPoint(" 000000", SIZE);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            pages++;
            variables.put("page", Integer.toString(pages));
            PdfContentByte cb = writer.getDirectContent();
            float y = FOOTER_MARGIN / 2;
            Font font = new Font(fonts.regular(), SIZE, Font.NORMAL, style.muted());
            float x = document.right() - totalWidth();
            ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase("Page " + pages + " /", font), x, y, 0);
            cb.addTemplate(total, x, y - SIZE * 0.3f);
            if (!footer.isBlank()) {
                line(cb, footer, document.left(), y, font, document.right() - document.left() - totalWidth() - 60);
            }
            if (header != null && !header.isBlank()) {
                float top = document.getPageSize().getHeight() - MARGIN / 2 - SIZE / 2;
                line(cb, header, document.left(), top, font, document.right() - document.left());
            }
        }

        /** One line of text, cut to {@code max} points; each {@code {pages}} is a copy of the total's template. */
        private void line(PdfContentByte cb, String template, float x, float y, Font font, float max) {
            String[] parts = template.split("\\{pages}", -1);
            float at = x;
            for (int i = 0; i < parts.length; i++) {
                String text = PdfBranding.resolve(parts[i], variables);
                float room = x + max - at;
                if (room <= 0) {
                    return;
                }
                if (fonts.regular().getWidthPoint(text, SIZE) > room) {
                    while (!text.isEmpty() && fonts.regular().getWidthPoint(text + "\u2026", SIZE) > room) {
                        text = text.substring(0, text.length() - 1);
                    }
                    text += "\u2026";
                }
                ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, fonts.phrase(text, font), at, y, 0);
                at += fonts.regular().getWidthPoint(text, SIZE);
                if (i < parts.length - 1) {
                    if (text.endsWith(" ")) {
                        at -= fonts.regular().getWidthPoint(" ", SIZE); // the template starts with its own space
                    }
                    cb.addTemplate(total, at, y - SIZE * 0.3f);
                    at += fonts.regular().getWidthPoint(" " + Math.max(pages, 9) * 10, SIZE);
                }
            }
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            BaseFont bf = fonts.regular();
            total.beginText();
            total.setFontAndSize(bf, SIZE);
            total.setColorFill(style.muted());
            // After a space: "Page n /" ends without one, as text extraction drops trailing spaces.
            total.setTextMatrix(bf.getWidthPoint(" ", SIZE), SIZE * 0.3f);
            total.showText(Integer.toString(pages));
            total.endText();
        }
    }
}
