package io.scheduledreports.formats.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openpdf.text.Document;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ByteBuffer;
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

    /** Starts the table at {@code top} on the current page, or on the next if the header and a row do not fit. */
    void start(float top) {
        if (top - headerHeight() - (PAD_TOP + lineHeight + PAD_BOTTOM) < document.bottom()) {
            document.newPage();
            top = document.top();
        }
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
            ByteBuffer buf = under.getInternalBuffer();
            number(buf, x[0]).append(' ');
            number(buf, bottom).append(' ');
            number(buf, x[x.length - 1] - x[0]).append(' ');
            number(buf, h).append(" re\n");
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
        for (int c = 0; c < labels.length; c++) {
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
            ByteBuffer buf = under.getInternalBuffer();
            for (int i = 0; i < ruleCount; i++) {
                number(number(buf, x[0]).append(' '), rules[i]).append(" m\n");
                number(number(buf, x[x.length - 1]).append(' '), rules[i]).append(" l\n");
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
        if (fonts.covered(line)) {
            font(cb, glyphs.font());
            ByteBuffer buf = cb.getInternalBuffer();
            number(number(buf.append("1 0 0 1 "), at).append(' '), baseline).append(" Tm\n");
            if (!glyphs.showKnown(line, buf)) {
                int start = buf.size();
                cb.showText(line);
                glyphs.learn(line, buf.getBuffer(), start, buf.size());
            }
            return;
        }
        cb.setTextMatrix(at, baseline);
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

    /**
     * Appends {@code v} rounded to two decimals, the precision of everything this table places (1/7200 in), much
     * faster than OpenPDF's general number formatting.
     */
    static ByteBuffer number(ByteBuffer buf, float v) {
        long hundredths = Math.round(v * 100.0);
        if (hundredths < 0) {
            buf.append_i('-');
            hundredths = -hundredths;
        }
        long whole = hundredths / 100;
        if (whole == 0) {
            buf.append_i('0');
        } else {
            long div = 1;
            while (div * 10 <= whole) {
                div *= 10;
            }
            for (; div > 0; div /= 10) {
                buf.append_i((int) ('0' + whole / div % 10));
            }
        }
        int fraction = (int) (hundredths % 100);
        if (fraction != 0) {
            buf.append_i('.').append_i('0' + fraction / 10);
            if (fraction % 10 != 0) {
                buf.append_i('0' + fraction % 10);
            }
        }
        return buf;
    }

    /**
     * Advance widths of one font at one size, looked up once per character, and its glyph ids for characters
     * already shown once through OpenPDF (which records them for the embedded subset and the text's Unicode
     * map), so that later text made only of such characters is written straight into the content stream.
     */
    static final class Glyphs {
        private final PdfFonts fonts;
        private final BaseFont font;
        private final float size;
        private final float[] cache = new float[0x10000];
        private final char[] glyph = new char[0x10000];
        private final java.util.BitSet known = new java.util.BitSet(0x10000);
        private byte[] bytes = new byte[256];

        Glyphs(PdfFonts fonts, BaseFont font, float size) {
            this.fonts = fonts;
            this.font = font;
            this.size = size;
            Arrays.fill(cache, -1);
        }

        /**
         * Writes {@code text} as a string of glyph ids and a {@code Tj} operator, if every character has been
         * shown through OpenPDF before; otherwise writes nothing and returns false.
         */
        boolean showKnown(String text, ByteBuffer buf) {
            int n = text.length();
            for (int i = 0; i < n; i++) {
                if (!known.get(text.charAt(i))) {
                    return false;
                }
            }
            if (bytes.length < n * 4 + 8) {
                bytes = new byte[n * 4 + 8];
            }
            int k = 0;
            bytes[k++] = '(';
            for (int i = 0; i < n; i++) {
                char g = glyph[text.charAt(i)];
                k = put(bytes, k, (byte) (g >> 8));
                k = put(bytes, k, (byte) g);
            }
            bytes[k++] = ')';
            bytes[k++] = 'T';
            bytes[k++] = 'j';
            bytes[k++] = '\n';
            buf.append(bytes, 0, k);
            return true;
        }

        /** Escapes as PDF literal strings require (as OpenPDF's own {@code escapeString} does). */
        private static int put(byte[] out, int k, byte b) {
            switch (b) {
                case '\n' -> {
                    out[k++] = '\\';
                    out[k++] = 'n';
                }
                case '\r' -> {
                    out[k++] = '\\';
                    out[k++] = 'r';
                }
                case '\t' -> {
                    out[k++] = '\\';
                    out[k++] = 't';
                }
                case '\b' -> {
                    out[k++] = '\\';
                    out[k++] = 'b';
                }
                case '\f' -> {
                    out[k++] = '\\';
                    out[k++] = 'f';
                }
                case '(', ')', '\\' -> {
                    out[k++] = '\\';
                    out[k++] = b;
                }
                default -> out[k++] = b;
            }
            return k;
        }

        /**
         * Remembers the glyph ids OpenPDF has just written for {@code text}: the literal string of the {@code Tj}
         * in {@code content[from, to)}, two bytes per character with identity encoding. Text whose glyphs do not
         * map one to one onto its characters (surrogate pairs, variation selectors) teaches nothing.
         */
        void learn(String text, byte[] content, int from, int to) {
            int open = -1;
            for (int i = from; i < to; i++) {
                if (content[i] == '(') {
                    open = i;
                    break;
                }
            }
            if (open < 0) {
                return;
            }
            byte[] raw = new byte[to - open];
            int n = 0;
            for (int i = open + 1; i < to; i++) {
                byte b = content[i];
                if (b == '\\' && i + 1 < to) {
                    byte e = content[++i];
                    raw[n++] = switch (e) {
                        case 'n' -> (byte) '\n';
                        case 'r' -> (byte) '\r';
                        case 't' -> (byte) '\t';
                        case 'b' -> (byte) '\b';
                        case 'f' -> (byte) '\f';
                        default -> e;
                    };
                } else if (b == ')') {
                    break;
                } else {
                    raw[n++] = b;
                }
            }
            if (n != text.length() * 2) {
                return;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isSurrogate(c) || (c >= 0xFE00 && c <= 0xFE0F)) {
                    return;
                }
            }
            for (int i = 0; i < text.length(); i++) {
                glyph[text.charAt(i)] = (char) (((raw[2 * i] & 0xFF) << 8) | (raw[2 * i + 1] & 0xFF));
                known.set(text.charAt(i));
            }
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
