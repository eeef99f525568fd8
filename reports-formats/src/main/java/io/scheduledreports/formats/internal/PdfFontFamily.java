package io.scheduledreports.formats.internal;

import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import org.openpdf.text.pdf.BaseFont;

/**
 * The regular and bold font files of a PDF document, read once: the bundled DejaVu Sans Condensed, or TrueType
 * files a host configures. A {@link BaseFont} made from them keeps state per document, so {@link PdfFonts}
 * creates its own from the bytes held here.
 *
 * @param name the name reports choose it by
 * @param regularName the regular font's file name (names the font inside OpenPDF)
 * @param regularBytes the regular font file
 * @param boldName the bold font's file name
 * @param boldBytes the bold font file
 * @param coverage which BMP characters the regular font has
 */
public record PdfFontFamily(
        String name, String regularName, byte[] regularBytes, String boldName, byte[] boldBytes, BitSet coverage) {

    /** The name of the bundled family. */
    public static final String BUNDLED_NAME = "dejavu-sans-condensed";

    private static final String DIR = "/io/scheduledreports/formats/internal/fonts/";
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final class Bundled {
        static final PdfFontFamily FAMILY = of(
                BUNDLED_NAME,
                "DejaVuSansCondensed.ttf",
                resource("DejaVuSansCondensed.ttf"),
                "DejaVuSansCondensed-Bold.ttf",
                resource("DejaVuSansCondensed-Bold.ttf"));

        private static byte[] resource(String file) {
            try (InputStream in = PdfFontFamily.class.getResourceAsStream(DIR + file)) {
                if (in == null) {
                    throw new IllegalStateException("font " + DIR + file + " is missing from the classpath");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** DejaVu Sans Condensed, bundled. */
    public static PdfFontFamily bundled() {
        return Bundled.FAMILY;
    }

    /**
     * A host's TrueType fonts, read and checked now.
     *
     * @param name the name reports choose it by
     * @param regular a {@code .ttf} file
     * @param bold a {@code .ttf} file, or null to use {@code regular} for the header row too
     * @throws ReportsValidationException naming the font if a file cannot be read or is not a TrueType font
     */
    public static PdfFontFamily load(String name, Path regular, Path bold) {
        byte[] r = read(name, regular);
        byte[] b = bold == null ? r : read(name, bold);
        Path boldPath = bold == null ? regular : bold;
        try {
            return of(name, fileName(regular), r, fileName(boldPath), b);
        } catch (RuntimeException e) {
            throw new ReportsValidationException(
                    "font '" + name + "'", "must be a TrueType font file (.ttf), was " + regular + " (" + e + ")");
        }
    }

    private static String fileName(Path p) {
        String f = p.getFileName().toString();
        return f.toLowerCase(Locale.ROOT).endsWith(".ttf") ? f : f + ".ttf";
    }

    private static byte[] read(String name, Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                throw new ReportsValidationException(
                        "font '" + name + "'", "must be a readable .ttf file of at most 64 MB, was " + file);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ReportsValidationException("font '" + name + "'", "cannot be read from " + file, e);
        }
    }

    private static PdfFontFamily of(String name, String regularName, byte[] regular, String boldName, byte[] bold) {
        BaseFont f = create(regularName, regular);
        create(boldName, bold);
        BitSet bits = new BitSet(0x10000);
        for (int c = 0; c < 0x10000; c++) {
            if (f.charExists(c)) {
                bits.set(c);
            }
        }
        return new PdfFontFamily(name, regularName, regular, boldName, bold, bits);
    }

    static BaseFont create(String fileName, byte[] bytes) {
        try {
            return BaseFont.createFont(fileName, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "PdfFontFamily[" + name + "]";
    }
}
