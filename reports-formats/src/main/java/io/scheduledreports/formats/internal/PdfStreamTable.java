package io.scheduledreports.formats.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openpdf.text.Document;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The table of a {@code layout=STREAM} PDF: rows are written straight into each page's content stream, with no
 * {@code PdfPCell} per cell. Column widths are fixed before the first row; glyph widths are looked up once per
 * character and cached; all text of a page is one text object, row stripes and rules are drawn once per page
 * underneath it.
 *
 * <p>Wrapping rule (the same for every cell): the text is split at its own line breaks, then each part is
 * broken at spaces to fit the column; a word wider than the column is broken between characters. A cell shows at
 * most {@code maxLines} lines (fewer if a page could not hold them); when text is left over, the last line shown
 * is cut to fit and ends in "…". Numbers are right-aligned, line by line.
 */
final class PdfStreamTable {
    private static final float PAD_LEFT = 3;
    private static final float PAD_RIGHT = 3;
    private static final float PAD_TOP = 2;
    private static final float PAD_BOTTOM = 3.5f;
    private static final String ELLIPSIS = "\u2026";

    private final PdfWriter writer;
    private final Document document;
    private final PdfFonts fonts;
    private final PdfStyle style;
    private final float size;
    private final float[] x;
    private final float[] inner;
    private final boolean[] right;
    private final String[] labels;
    private final int maxLines;
    private final Glyphs regular;
    private final Glyphs bold;
    private final float ascent;
    private final float lineHeight;

    private final List<String>[] cellLines;
    private float[] rules = new float[64];
    private int ruleCount;
    private int stripes;
    private float y;
    private int rowsOnPage;
    private long rows;
    private boolean textOpen;
    private BaseFont currentFont;

    @SuppressWarnings("unchecked")
    PdfStreamTable(
            PdfWriter writer,
            Document document,
            PdfFonts fonts,
            PdfStyle style,
            float size,
            float[] widths,
            boolean[] right,
            String[] labels,
            int maxLines) {
        this.writer = writer;
        this.document = document;
        this.fonts = fonts;
        this.style = style;
        this.size = size;
        this.right = right;
        this.labels = labels;
        this.regular = new Glyphs(fonts, fonts.regular(), size);
        this.bold = new Glyphs(fonts, fonts.bold(), size);
        this.ascent = fonts.regular().getFontDescriptor(BaseFont.ASCENT, size);
        float descent = -fonts.regular().getFontDescriptor(BaseFont.DESCENT, size);
        this.lineHeight = ascent + descent + size * 0.05f;
        int n = widths.length;
        float total = 0;
        for (float w : widths) {
            total += w;
        }
        // Fill the text width exactly, as PdfPTable does with a width percentage of 100.
        float scale = (document.right() - document.left()) / total;
        this.x = new float[n + 1];
        this.inner = new float[n];
        x[0] = document.left();
        for (int c = 0; c < n; c++) {
            float w = widths[c] * scale;
            x[c + 1] = x[c] + w;
            inner[c] = Math.max(1, w - PAD_LEFT - PAD_RIGHT);
        }
        float body = document.top() - document.bottom() - PAD_TOP - PAD_BOTTOM;
        int fit = (int) Math.floor((body - headerHeight()) / lineHeight) - 1;
        this.maxLines = Math.max(1, Math.min(maxLines, fit));
        this.cellLines = new List[n];
        for (int c = 0; c < n; c++) {
            cellLines[c] = new ArrayList<>(4);
        }
    }

    /** Starts the table at {@code top} on the current page. */
    void start(float top) {
        beginPage(top);
    }

    /** Adds one row; null cells are empty. */
    void addRow(String[] texts) {
        int lines = 1;
        for (int c = 0; c < texts.length; c++) {
            List<String> l = cellLines[c];
            l.clear();
            String s = texts[c];
            if (s != null && !s.isEmpty()) {
                wrap(s, inner[c], regular, maxLines, l);
                lines = Math.max(lines, l.size());
            }
        }
        float h = PAD_TOP + lines * lineHeight + PAD_BOTTOM;
        if (y - h < document.bottom() && rowsOnPage > 0) {
            endPage();
            document.newPage();
            beginPage(document.top());
        }
        float bottom = y - h;
        if (rows % 2 == 1) {
            PdfContentByte under = writer.getDirectContentUnder();
            if (stripes == 0) {
                under.setColorFill(style.stripe());
            }
            under.rectangle(x[0], bottom, x[x.length - 1] - x[0], h);
            stripes++;
        }
        for (int c = 0; c < texts.length; c++) {
            List<String> l = cellLines[c];
            for (int i = 0; i < l.size(); i++) {
                draw(l.get(i), c, y - PAD_TOP - ascent - i * lineHeight, regular);
            }
        }
        rule(bottom);
        y = bottom;
        rowsOnPage++;
        rows++;
    }

    /** Ends the table: a note when it has no rows, and the last page's stripes and rules. */
    void finish() {
        if (rows == 0) {
            draw("No rows.", -1, y - PAD_TOP - ascent - lineHeight * 0.5f, regular);
        }
        endPage();
    }

    private float headerHeight() {
        int lines = 1;
        for (int c = 0; c < (labels == null ? 0 : labels.length); c++) {
            List<String> l = new ArrayList<>();
            wrap(labels[c], inner[c], bold, 3, l);
            lines = Math.max(lines, l.size());
        }
        return PAD_TOP + lines * lineHeight + PAD_BOTTOM;
    }

    private void beginPage(float top) {
        rowsOnPage = 0;
        ruleCount = 0;
        stripes = 0;
        float h = headerHeight();
        PdfContentByte under = writer.getDirectContentUnder();
        float width = x[x.length - 1] - x[0];
        under.setColorFill(style.headerBackground());
        under.rectangle(x[0], top - h, width, h);
        under.fill();
        under.setColorStroke(style.headerRule());
        under.setLineWidth(0.75f);
        under.moveTo(x[0], top - h);
        under.lineTo(x[x.length - 1], top - h);
        under.stroke();

        PdfContentByte cb = writer.getDirectContent();
        cb.beginText();
        textOpen = true;
        currentFont = null;
        cb.setColorFill(style.headerText());
        List<String> l = new ArrayList<>(3);
        for (int c = 0; c < labels.length; c++) {
            l.clear();
            wrap(labels[c], inner[c], bold, 3, l);
            // Bottom-aligned, like the TABLE layout's header cells.
            float first = top - h + PAD_BOTTOM + (l.size() - 1) * lineHeight + (lineHeight - ascent);
            for (int i = 0; i < l.size(); i++) {
                draw(l.get(i), c, first - i * lineHeight, bold);
            }
        }
        cb.setColorFill(style.ink());
        y = top - h;
    }

    private void endPage() {
        PdfContentByte cb = writer.getDirectContent();
        if (textOpen) {
            cb.endText();
            textOpen = false;
        }
        PdfContentByte under = writer.getDirectContentUnder();
        if (stripes > 0) {
            under.fill();
            stripes = 0;
        }
        if (ruleCount > 0) {
            under.setColorStroke(style.rule());
            under.setLineWidth(0.25f);
            for (int i = 0; i < ruleCount; i++) {
                under.moveTo(x[0], rules[i]);
                under.lineTo(x[x.length - 1], rules[i]);
            }
            under.stroke();
        }
    }

    private void rule(float at) {
        if (ruleCount == rules.length) {
            rules = Arrays.copyOf(rules, ruleCount * 2);
        }
        rules[ruleCount++] = at;
    }

    /** Draws one line of a cell; column -1 is the whole table width, left-aligned. */
    private void draw(String line, int c, float baseline, Glyphs glyphs) {
        float left = c < 0 ? x[0] + PAD_LEFT : x[c] + PAD_LEFT;
        float at = c >= 0 && right[c] ? x[c + 1] - PAD_RIGHT - glyphs.width(line) : left;
        PdfContentByte cb = writer.getDirectContent();
        cb.setTextMatrix(at, baseline);
        if (fonts.covered(line)) {
            font(cb, glyphs.font());
            cb.showText(line);
            return;
        }
        // Runs of characters the font lacks come from a fallback font; each run continues where the last ended.
        int start = 0;
        BaseFont runFont = null;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            BaseFont f = fonts.fontFor(cp, glyphs.font());
            if (f != runFont && i > start) {
                font(cb, runFont);
                cb.showText(line.substring(start, i));
                start = i;
            }
            runFont = f;
            i += Character.charCount(cp);
        }
        if (start < line.length()) {
            font(cb, runFont);
            cb.showText(line.substring(start));
        }
    }

    private void font(PdfContentByte cb, BaseFont f) {
        if (f != currentFont) {
            cb.setFontAndSize(f, size);
            currentFont = f;
        }
    }

    /**
     * Wraps {@code text} into at most {@code max} lines of at most {@code width} points (the rule in the class
     * comment) and adds them to {@code out}.
     */
    static void wrap(String text, float width, Glyphs glyphs, int max, List<String> out) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && glyphs.width(text) <= width) {
            out.add(text);
            return;
        }
        int from = 0;
        int n = text.length();
        while (from < n) {
            int end = from;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String part = text.substring(from, end);
            int pos = 0;
            do {
                if (out.size() == max) {
                    ellipsis(out, width, glyphs);
                    return;
                }
                int cut = fit(part, pos, width, glyphs);
                out.add(part.substring(pos, cut).stripTrailing());
                pos = cut;
                while (pos < part.length() && part.charAt(pos) == ' ') {
                    pos++;
                }
            } while (pos < part.length());
            // "\r\n" is one break.
            from = end + (end + 1 < n && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
    }

    /** The end of the longest piece of {@code s} from {@code from} that fits: at a space if there is one. */
    private static int fit(String s, int from, float width, Glyphs glyphs) {
        float w = 0;
        int lastSpace = -1;
        int i = from;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            float cw = glyphs.width(cp);
            if (w + cw > width && i > from) {
                if (cp == ' ') {
                    return i;
                }
                return lastSpace > from ? lastSpace : i;
            }
            if (cp == ' ') {
                lastSpace = i;
            }
            w += cw;
            i += Character.charCount(cp);
        }
        return s.length();
    }

    /** Cuts the last line so that it and "…" fit. */
    private static void ellipsis(List<String> out, float width, Glyphs glyphs) {
        String last = out.get(out.size() - 1);
        float room = width - glyphs.width(ELLIPSIS);
        int end = fit(last, 0, room, glyphs);
        if (end < last.length() && glyphs.width(last.substring(0, end)) > room) {
            end = 0;
        }
        out.set(out.size() - 1, last.substring(0, end).stripTrailing() + ELLIPSIS);
    }

    /** Advance widths of one font at one size, looked up once per character. */
    static final class Glyphs {
        private final PdfFonts fonts;
        private final BaseFont font;
        private final float size;
        private final float[] cache = new float[0x10000];

        Glyphs(PdfFonts fonts, BaseFont font, float size) {
            this.fonts = fonts;
            this.font = font;
            this.size = size;
            Arrays.fill(cache, -1);
        }

        BaseFont font() {
            return font;
        }

        float width(int cp) {
            if (cp < 0x10000) {
                float w = cache[cp];
                if (w < 0) {
                    w = fonts.fontFor(cp, font).getWidthPoint(cp, size);
                    cache[cp] = w;
                }
                return w;
            }
            return fonts.fontFor(cp, font).getWidthPoint(cp, size);
        }

        float width(String s) {
            float w = 0;
            for (int i = 0, n = s.length(); i < n; ) {
                char ch = s.charAt(i);
                if (Character.isHighSurrogate(ch)) {
                    int cp = s.codePointAt(i);
                    w += width(cp);
                    i += Character.charCount(cp);
                } else {
                    w += width(ch);
                    i++;
                }
            }
            return w;
        }
    }
}
