package io.scheduledreports.formats.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openpdf.text.Font;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts of one PDF document. Text is set in the bundled DejaVu Sans Condensed (Latin, Greek, Cyrillic and
 * many more scripts; embedded as a subset) or a host's {@link PdfFontFamily}; characters it lacks, such as CJK,
 * are taken from fallback fonts found on the machine, if any.
 *
 * <p>A {@link BaseFont} keeps state while a document is written, so every document gets its own; the font
 * files are read once per JVM.
 */
public final class PdfFonts {
    /**
     * Fonts with CJK glyphs at their usual places on Linux (Debian/Ubuntu packages fonts-droid-fallback,
     * fonts-wqy-*, fonts-noto-cjk, fonts-arphic-*), Windows and macOS; the first that loads is used.
     */
    public static final List<String> SYSTEM_FALLBACKS = List.of(
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "C:/Windows/Fonts/msyh.ttc",
            "C:/Windows/Fonts/simsun.ttc",
            "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
            "/Library/Fonts/Arial Unicode.ttf");

    private static final Logger LOG = LoggerFactory.getLogger(PdfFonts.class);
    private static final long MAX_FALLBACK_BYTES = 64L * 1024 * 1024;
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();

    private final List<String> fallbackPaths;
    private final BitSet coverage;
    private final BaseFont regular;
    private final BaseFont bold;
    private List<BaseFont> fallbacks;

    /**
     * Fonts for a new document.
     *
     * @param fallbackPaths font files to try, in order, for characters the bundled font lacks; a TrueType
     *     collection ({@code .ttc}) uses its first font. Files that are missing or cannot be read are skipped.
     */
    public PdfFonts(List<String> fallbackPaths) {
        this(PdfFontFamily.bundled(), fallbackPaths);
    }

    /**
     * Fonts for a new document in {@code family}.
     *
     * @param family the regular and bold fonts
     * @param fallbackPaths as for {@link #PdfFonts(List)}
     */
    public PdfFonts(PdfFontFamily family, List<String> fallbackPaths) {
        this.fallbackPaths = fallbackPaths;
        this.coverage = family.coverage();
        this.regular = PdfFontFamily.create(family.regularName(), family.regularBytes());
        this.bold = PdfFontFamily.create(family.boldName(), family.boldBytes());
    }

    public BaseFont regular() {
        return regular;
    }

    public BaseFont bold() {
        return bold;
    }

    /**
     * {@code text} in {@code font}, with runs of characters the bundled font lacks set in a fallback font.
     *
     * @param text the text
     * @param font a font on {@link #regular()} or {@link #bold()}
     */
    public Phrase phrase(String text, Font font) {
        if (covered(text)) {
            return new Phrase(text, font);
        }
        return mixed(text, font);
    }

    /** Whether the document font has every character of {@code text}. */
    boolean covered(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && !coverage.get(c) && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private Phrase mixed(String text, Font font) {
        Phrase phrase = new Phrase();
        StringBuilder run = new StringBuilder();
        BaseFont runFont = font.getBaseFont();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            BaseFont f = fontFor(cp, font.getBaseFont());
            if (f != runFont && !run.isEmpty()) {
                phrase.add(new org.openpdf.text.Chunk(run.toString(), derive(font, runFont)));
                run.setLength(0);
            }
            runFont = f;
            run.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        if (!run.isEmpty()) {
            phrase.add(new org.openpdf.text.Chunk(run.toString(), derive(font, runFont)));
        }
        return phrase;
    }

    /** The font that draws {@code cp}: {@code primary} if it has it, else the first fallback that does. */
    BaseFont fontFor(int cp, BaseFont primary) {
        if (cp < 0x10000 && (cp < 0x80 || coverage.get(cp) || cp == '\n' || cp == '\r')) {
            return primary;
        }
        return fontFor(cp, primary, fallbacks());
    }

    private static BaseFont fontFor(int cp, BaseFont primary, List<BaseFont> others) {
        for (BaseFont f : others) {
            if (f.charExists(cp)) {
                return f;
            }
        }
        return primary; // nothing has it: the primary font's "missing glyph" is drawn
    }

    private static Font derive(Font font, BaseFont base) {
        return base == font.getBaseFont() ? font : new Font(base, font.getSize(), Font.NORMAL, font.getColor());
    }

    private List<BaseFont> fallbacks() {
        if (fallbacks == null) {
            fallbacks = new ArrayList<>();
            for (String path : fallbackPaths) {
                byte[] bytes = FILES.computeIfAbsent(path, PdfFonts::readFont);
                if (bytes.length == 0) {
                    continue;
                }
                try {
                    boolean collection = path.toLowerCase(Locale.ROOT).endsWith(".ttc");
                    // The path only names the font; its bytes come from memory.
                    String name = collection ? path + ",0" : path;
                    fallbacks.add(
                            BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null));
                } catch (RuntimeException | IOException e) {
                    LOG.debug("Skipping fallback font {}: {}", path, e.toString());
                }
            }
        }
        return fallbacks;
    }

    /**
     * A font file's bytes, or an empty array if it is missing, unreadable or implausibly large. Kept for the life
     * of the JVM: a fallback font is a few MB, and reading it through OpenPDF's file access takes far longer than
     * parsing it from memory.
     */
    private static byte[] readFont(String path) {
        try {
            Path file = Path.of(path);
            if (!Files.isReadable(file) || Files.size(file) > MAX_FALLBACK_BYTES) {
                return new byte[0];
            }
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Skipping fallback font {}: {}", path, e.toString());
            return new byte[0];
        }
    }
}
