package io.scheduledreports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.formats.PdfFormatter.TableLayout;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.ReportsValidationException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Branding settings: what they change in the document, and how bad ones are refused before anything runs. */
class PdfBrandingTest {

    private static final String ACCENT = "#1F6FB2";
    private static final List<Column> COLUMNS = List.of(
            Column.integer("id").withLabel("Order"),
            Column.text("customer").withLabel("Customer"),
            Column.text("city").withLabel("City"),
            Column.decimal("amount", 2).withLabel("Amount"),
            Column.date("ordered").withLabel("Ordered"),
            Column.bool("paid").withLabel("Paid"));

    private static final String[] CITIES = {"Kraków", "Москва", "São Paulo", "Zürich", "Αθήνα", "Lyon"};

    @TempDir
    Path temp;

    static List<Object[]> orders(int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new Object[] {
                10_000L + i,
                "Customer " + i + (i % 7 == 0 ? " Handelsgesellschaft mbH & Co. KG, Zweigniederlassung Nord" : " GmbH"),
                CITIES[i % CITIES.length],
                BigDecimal.valueOf(i * 4_711L % 1_000_000, 2),
                LocalDate.of(2026, 3, 1).plusDays(i % 28),
                i % 3 != 0
            });
        }
        return rows;
    }

    static PdfFormatter branded() {
        return PdfFormatter.builder()
                .logoResource("acme", "/branding/acme-logo.png")
                .defaultSettings(Map.of(
                        PdfFormatter.SETTING_LOGO, "acme",
                        PdfFormatter.SETTING_ACCENT, ACCENT,
                        PdfFormatter.SETTING_FOOTER, "ACME Corp · generated {generated} · page {page} of {pages}"))
                .build();
    }

    static FormatOptions brandedOptions() {
        return Fixtures.options()
                .withSetting(PdfFormatter.SETTING_TITLE, "{report}: {region}")
                .withSetting(PdfFormatter.SETTING_SUBTITLE, "Orders for {region}, {period}")
                .withSetting(PdfFormatter.SETTING_HEADER, "Confidential · {report} · {zone}");
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void aBrandedReportShowsItsLogoTitlesHeaderAndFooterOnTheRightPages(TableLayout layout) throws IOException {
        byte[] pdf = Fixtures.write(
                branded(),
                brandedOptions().withSetting(PdfFormatter.SETTING_LAYOUT, layout.name()),
                COLUMNS,
                orders(150));

        List<String> pages = PdfFormatterTest.pageTexts(pdf);
        assertThat(pages.size()).isGreaterThanOrEqualTo(3);
        assertThat(pages.getFirst())
                .contains("Sales by region: Nordics")
                .contains("Orders for Nordics, last_7_days (2026-03-22 – 2026-03-28)");
        for (int p = 1; p <= pages.size(); p++) {
            String page = pages.get(p - 1).replaceAll("\\s+", " ");
            assertThat(page)
                    .as("page %s", p)
                    .contains("Confidential · Sales by region · Europe/Berlin")
                    .contains("ACME Corp · generated 29 Mar 2026, 09:15:00")
                    .contains("page " + p + " of " + pages.size())
                    .contains("Page " + p + " / " + pages.size())
                    .contains("Order", "Customer", "Amount");
        }
        assertThat(pages.get(1)).doesNotContain("Orders for Nordics");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // The PNG's alpha channel is a second image (its soft mask) beside the logo.
            assertThat(images(doc.getPage(0)))
                    .as("logo on page 1")
                    .anyMatch(i -> i.getWidth() == 240 && i.getHeight() == 80);
            assertThat(images(doc.getPage(1))).as("no logo on page 2").isEmpty();
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Sales by region: Nordics");
        }
    }

    private static List<PDImageXObject> images(PDPage page) throws IOException {
        List<PDImageXObject> images = new ArrayList<>();
        for (COSName name : page.getResources().getXObjectNames()) {
            if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                images.add(image);
            }
        }
        return images;
    }

    @Test
    void theAccentColourFillsTheHeaderRow() throws IOException {
        byte[] pdf = Fixtures.write(branded(), brandedOptions(), COLUMNS, orders(5));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            float[] label = new float[2];
            new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    if (text.strip().equals("Customer") && label[0] == 0) {
                        label[0] = positions.getFirst().getXDirAdj();
                        label[1] = positions.getFirst().getYDirAdj();
                    }
                    super.writeString(text, positions);
                }
            }.getText(doc);
            assertThat(label[0]).as("header label found").isPositive();
            BufferedImage page = new PDFRenderer(doc).renderImage(0, 2);
            // Just left of the label's first letter, inside the cell padding: the header row's background.
            Color background = new Color(page.getRGB((int) ((label[0] - 1.5f) * 2), (int) ((label[1] - 3) * 2)));
            assertThat(background).isEqualTo(Color.decode(ACCENT));
            // Dark accent: the labels are white.
            Color letter = darkest(page, (int) (label[0] * 2), (int) ((label[1] - 6) * 2), 10);
            assertThat(letter.getRed() + letter.getGreen() + letter.getBlue())
                    .as("header text is lighter than the accent")
                    .isGreaterThan(Color.decode(ACCENT).getRed()
                            + Color.decode(ACCENT).getGreen()
                            + Color.decode(ACCENT).getBlue());
        }
    }

    private static Color darkest(BufferedImage image, int x, int y, int size) {
        Color lightest = new Color(0, 0, 0);
        for (int dx = 0; dx < size; dx++) {
            for (int dy = 0; dy < size; dy++) {
                Color c = new Color(image.getRGB(x + dx, y + dy));
                if (c.getRed() + c.getGreen() + c.getBlue()
                        > lightest.getRed() + lightest.getGreen() + lightest.getBlue()) {
                    lightest = c;
                }
            }
        }
        return lightest;
    }

    @Test
    void aHostFontReplacesTheBundledOne() throws IOException {
        Path font = temp.resolve("house-font.ttf");
        try (InputStream in = PdfFormatter.class.getResourceAsStream(
                "/io/scheduledreports/formats/internal/fonts/DejaVuSansCondensed-Bold.ttf")) {
            Files.copy(in, font);
        }
        PdfFormatter pdf = PdfFormatter.builder().font("house", font, null).build();

        byte[] bytes = Fixtures.write(
                pdf, Fixtures.options().withSetting(PdfFormatter.SETTING_FONT, "house"), COLUMNS, orders(3));

        List<String> fonts = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont f = page.getResources().getFont(name);
                    assertThat(f.isEmbedded()).isTrue();
                    fonts.add(f.getName());
                }
            }
        }
        assertThat(fonts).isNotEmpty().allMatch(f -> f.endsWith("DejaVuSansCondensed-Bold"), "the house font");
        assertThat(PdfFormatterTest.text(bytes)).contains("Customer 2 GmbH");
        assertThat(pdf.fonts()).containsExactly("dejavu-sans-condensed", "house");
    }

    @Test
    void rejectsBadBrandingSettingsNamingTheSetting() {
        PdfFormatter pdf = branded();

        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.logo", "/etc/passwd")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("pdf.logo: must name a logo the host registered, one of [acme], was '/etc/passwd'");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.logo", "https://evil.example/logo.png")))
                .hasMessageStartingWith("pdf.logo: must name a logo the host registered");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.font", "/usr/share/fonts/x.ttf")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("pdf.font: must be one of [dejavu-sans-condensed], was '/usr/share/fonts/x.ttf'");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.accent", "blue")))
                .hasMessage("pdf.accent: must be a colour #RRGGBB, e.g. #1F6FB2, was 'blue'");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.title", "Sales {page}")))
                .hasMessage("pdf.title: {page} is only known in pdf.header and pdf.footer, was 'Sales {page}'");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.footer", "Page {page")))
                .hasMessageStartingWith("pdf.footer: variables are written {name}");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.subtitle", "a\u0000b")))
                .hasMessage("pdf.subtitle: must not contain control characters, was 'a\\u0000b'");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.header", "x".repeat(301))))
                .hasMessage("pdf.header: must be at most 300 characters, was 301");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.watermark", "x")))
                .hasMessageStartingWith("pdf.watermark: unknown setting");
        pdf.validateSettings(Map.of(
                "pdf.header", "{report} {page}/{pages}", "pdf.subtitle", "{any_parameter}", "pdf.accent", "1f6fb2"));
    }

    @Test
    void rejectsBadHostBrandingWhenTheFormatterIsBuilt() throws IOException {
        Path notAnImage = Files.writeString(temp.resolve("logo.png"), "not an image");
        Path notAFont = Files.writeString(temp.resolve("font.ttf"), "not a font");

        assertThatThrownBy(() -> PdfFormatter.builder().logoResource("acme", "/branding/missing.png"))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("logo 'acme': must be a resource on the classpath, was '/branding/missing.png'");
        assertThatThrownBy(() -> PdfFormatter.builder().logoFile("acme", notAnImage))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("logo 'acme': must be a PNG or JPEG image of at most 5 MB, was " + notAnImage);
        assertThatThrownBy(() -> PdfFormatter.builder().font("house", notAFont, null))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("font 'house': must be a TrueType font file (.ttf), was " + notAFont);
        assertThatThrownBy(() -> PdfFormatter.builder().logoResource("a b", "/branding/acme-logo.png"))
                .hasMessage("logo name: must be 1-64 letters, digits, '_', '.' or '-', was 'a b'");
        assertThatThrownBy(() -> PdfFormatter.builder()
                        .defaultSettings(Map.of("pdf.logo", "acme"))
                        .build())
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("pdf.logo: must name a logo the host registered, one of [], was 'acme'");
    }

    @Test
    void aReportsOwnSettingsOverrideTheHostDefaults() throws IOException {
        String text = PdfFormatterTest.text(Fixtures.write(
                branded(),
                Fixtures.options().withSetting(PdfFormatter.SETTING_FOOTER, "Team {region}"),
                COLUMNS,
                orders(2)));

        assertThat(text).contains("Team Nordics").doesNotContain("ACME Corp");
    }

    /**
     * Renders the first page of a branded sample for the README. Written to {@code target/}; with {@code
     * -Dpdf.sample.dir=../docs/images} into the documentation.
     */
    @Test
    void rendersABrandedSamplePage() throws IOException {
        Map<String, String> params = new LinkedHashMap<>(Fixtures.options().parameters());
        FormatOptions options = new FormatOptions(
                        Fixtures.options().locale(),
                        Fixtures.options().zone(),
                        "Monthly orders",
                        Fixtures.GENERATED_AT,
                        params,
                        Map.of())
                .withSetting(PdfFormatter.SETTING_TITLE, "{report} — {region}")
                .withSetting(PdfFormatter.SETTING_SUBTITLE, "All orders in {region}, {period}")
                .withSetting(PdfFormatter.SETTING_HEADER, "ACME Corp · internal · {report}");
        byte[] pdf = Fixtures.write(branded(), options, COLUMNS, orders(60));

        Path dir = Path.of(System.getProperty("pdf.sample.dir", "target"));
        Files.createDirectories(dir);
        Path png = dir.resolve("pdf-branded-sample.png");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 110);
            ImageIO.write(page, "png", png.toFile());
        }
        BufferedImage read = ImageIO.read(png.toFile());
        assertThat(read.getWidth()).isGreaterThan(800);
        assertThat(read.getHeight()).isGreaterThan(read.getWidth());
    }
}
