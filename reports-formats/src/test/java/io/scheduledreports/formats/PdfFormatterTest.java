package io.scheduledreports.formats;

import static io.scheduledreports.formats.Fixtures.COLUMNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

class PdfFormatterTest {

    private static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    private final PdfFormatter pdf = PdfFormatter.ofDefaults();

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static List<String> pageTexts(byte[] pdf) throws IOException {
        List<String> pages = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
        }
        return pages;
    }

    private static List<Object[]> numbered(int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new Object[] {"id-" + i + "-end", (long) i * 1000, new BigDecimal(i).movePointLeft(2)});
        }
        return rows;
    }

    private static final List<Column> THREE = List.of(
            Column.text("id").withLabel("Identifier"),
            Column.integer("n").withLabel("Number"),
            Column.decimal("x", 2).withLabel("Amount"));

    @Test
    void showsTitleGenerationTimeParametersAndEveryValue() throws IOException {
        // Cells wrap where the layout needs it; compare words, not line breaks.
        String text = text(Fixtures.write(pdf, Fixtures.options(), COLUMNS, Fixtures.rows()))
                .replaceAll("\\s+", " ");

        assertThat(text)
                .contains("Sales by region")
                .contains("Generated 29 March 2026")
                .contains("09:15:00 CEST")
                .contains("times in Europe/Berlin")
                .contains("region")
                .contains("Nordics")
                .contains("last_7_days (2026-03-22 – 2026-03-28)");
        assertThat(text).contains("Name", "Count", "Amount", "Active", "Day", "At");
        assertThat(text)
                .contains("Zoë Ærøskøbing")
                .contains("Москва — Привет")
                .contains("12.50")
                .contains("9,223,372,036,854,775,807")
                .contains("123,456,789,012,345,678,901,234,567,890.00")
                .contains("1,180,591,620,717,411,303,424")
                .contains("-0.01")
                .contains("Yes")
                .contains("No")
                .contains("28 Mar 2026")
                .contains("29 Mar 2026, 01:30:00")
                .contains("29 Mar 2026, 03:30:00")
                .contains("25 Oct 2026, 02:30:00 CEST")
                .contains("25 Oct 2026, 02:30:00 CET")
                .contains("29 Feb 2000")
                .contains("1 Jul 2026, 12:00:00")
                .contains("line one line \"two\", with comma line three");
    }

    @Test
    void repeatsTheHeaderOnEveryPageAndNumbersPagesAsNOfM() throws IOException {
        PdfFormatter chunky = PdfFormatter.builder().chunkRows(50).build();

        List<String> pages = pageTexts(Fixtures.write(chunky, Fixtures.options(), THREE, numbered(300)));

        int total = pages.size();
        assertThat(total).isGreaterThanOrEqualTo(4);
        for (int p = 1; p <= total; p++) {
            assertThat(pages.get(p - 1)).as("page %s", p).contains("Identifier").contains("Page " + p + " / " + total);
        }
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("id-(\\d+)-end").matcher(String.join("\n", pages));
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).as("every row once, in order").hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(ids.get(i)).isEqualTo(Integer.toString(i + 1));
        }
    }

    @Test
    void rightAlignsNumbers() throws IOException {
        List<Object[]> rows = List.of(
                new Object[] {"a", 1L, new BigDecimal("1")},
                new Object[] {"b", 1_000_000L, new BigDecimal("1234567.5")});
        byte[] bytes = Fixtures.write(pdf, Fixtures.options(), THREE, rows);

        Map<String, Float> rightEdges = new HashMap<>();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (String word : List.of("1", "1,000,000", "1.00", "1,234,567.50")) {
                        int at = text.indexOf(word);
                        if (at >= 0 && text.strip().equals(word)) {
                            TextPosition last = positions.get(at + word.length() - 1);
                            rightEdges.put(word, last.getXDirAdj() + last.getWidthDirAdj());
                        }
                    }
                    super.writeString(text, positions);
                }
            }.getText(doc);
        }

        assertThat(rightEdges).containsOnlyKeys("1", "1,000,000", "1.00", "1,234,567.50");
        assertThat(rightEdges.get("1"))
                .isCloseTo(rightEdges.get("1,000,000"), org.assertj.core.data.Offset.offset(0.5f));
        assertThat(rightEdges.get("1.00"))
                .isCloseTo(rightEdges.get("1,234,567.50"), org.assertj.core.data.Offset.offset(0.5f));
    }

    @Test
    void numbersLargerThanTheSampledOnesStayOnOneLine() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            rows.add(new Object[] {"short", (long) i, new BigDecimal("1.5")});
        }
        rows.add(new Object[] {"short", 1_234_567L, new BigDecimal("123456.78")});

        String text = text(Fixtures.write(pdf, Fixtures.options(), THREE, rows));

        assertThat(text.lines()).anyMatch(l -> l.contains("1,234,567") && l.contains("123,456.78"));
    }

    @Test
    void choosesOrientationByColumnCountUnlessTold() throws IOException {
        List<Column> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(Column.integer("c" + i));
        }
        Object[] row = {1, 2, 3, 4, 5, 6, 7, 8};
        FormatOptions options = Fixtures.options();

        assertThat(firstPage(Fixtures.write(pdf, options, THREE, numbered(1)))).satisfies(PdfFormatterTest::portrait);
        assertThat(firstPage(Fixtures.write(pdf, options, eight, List.<Object[]>of(row))))
                .satisfies(PdfFormatterTest::landscape);
        assertThat(firstPage(Fixtures.write(
                        pdf,
                        options.withSetting(PdfFormatter.SETTING_ORIENTATION, "portrait"),
                        eight,
                        List.<Object[]>of(row))))
                .satisfies(PdfFormatterTest::portrait);
        assertThat(firstPage(Fixtures.write(
                        PdfFormatter.builder()
                                .orientation(PdfFormatter.Orientation.LANDSCAPE)
                                .build(),
                        options,
                        THREE,
                        numbered(1))))
                .satisfies(PdfFormatterTest::landscape);
        PDRectangle letter = firstPage(
                Fixtures.write(pdf, options.withSetting(PdfFormatter.SETTING_PAGE_SIZE, "LETTER"), THREE, numbered(1)));
        assertThat(letter.getWidth()).isEqualTo(612);
        assertThat(letter.getHeight()).isEqualTo(792);
    }

    private static PDRectangle firstPage(byte[] bytes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return doc.getPage(0).getMediaBox();
        }
    }

    private static void portrait(PDRectangle box) {
        assertThat(box.getHeight()).as("portrait").isGreaterThan(box.getWidth());
    }

    private static void landscape(PDRectangle box) {
        assertThat(box.getWidth()).as("landscape").isGreaterThan(box.getHeight());
    }

    @Test
    void aVeryWideReportShowsTheFirstColumnsAndSaysWhichAreLeftOut() throws IOException {
        List<Column> columns = new ArrayList<>();
        Object[] row = new Object[25];
        for (int i = 0; i < 25; i++) {
            columns.add(Column.text("c" + i).withLabel("Col" + i));
            row[i] = "v" + i + "x";
        }

        String text = text(Fixtures.write(pdf, Fixtures.options(), columns, List.<Object[]>of(row)));

        assertThat(text).contains("Showing 20 of 25 columns; not shown: Col20, Col21, Col22, Col23, Col24");
        assertThat(text).contains("v0x", "v19x").doesNotContain("v20x", "v24x");
    }

    @Test
    void embedsItsFontsSoEveryReaderShowsTheSameGlyphs() throws IOException {
        byte[] bytes = Fixtures.write(pdf, Fixtures.options(), COLUMNS, Fixtures.rows());

        List<String> fonts = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    fonts.add(font.getName());
                }
            }
        }
        assertThat(fonts).anyMatch(f -> f.contains("DejaVuSansCondensed"));
    }

    @Test
    void takesCjkFromAFallbackFontWhenTheMachineHasOne() throws IOException {
        assumeThat(CJK_FONT).as("a CJK font (Debian: fonts-droid-fallback)").exists();
        PdfFormatter explicit = PdfFormatter.builder()
                .systemFallbackFonts(false)
                .fallbackFont(CJK_FONT)
                .build();

        String text = text(Fixtures.write(
                explicit,
                Fixtures.options().withTitle("東京 report"),
                List.of(Column.text("city")),
                List.<Object[]>of(new Object[] {"東京 and Zürich"})));

        assertThat(text).contains("東京 report").contains("東京 and Zürich");
    }

    @Test
    void withoutAFallbackFontTheRestOfTheTextStillRenders() throws IOException {
        PdfFormatter bundledOnly =
                PdfFormatter.builder().systemFallbackFonts(false).build();

        String text = text(Fixtures.write(
                bundledOnly, Fixtures.options(), List.of(Column.text("city")), List.<Object[]>of(new Object[] {
                    "東京 and Zürich"
                })));

        assertThat(text).contains("and Zürich");
    }

    @Test
    void cutsVeryLongTextAtTheLimit() throws IOException {
        PdfFormatter short50 = PdfFormatter.builder().maxCellChars(50).build();
        String longText = "word ".repeat(40) + "TAIL";

        String text = text(Fixtures.write(
                short50, Fixtures.options(), List.of(Column.text("t")), List.<Object[]>of(new Object[] {longText})));

        assertThat(text).contains("word word").contains("…").doesNotContain("TAIL");
    }

    @Test
    void wrapsLongTextInsideItsCell() throws IOException {
        String longText = "alpha ".repeat(60) + "omega";

        List<String> pages = pageTexts(Fixtures.write(
                pdf, Fixtures.options(), THREE, List.<Object[]>of(new Object[] {longText, 1, BigDecimal.ONE})));

        assertThat(pages).hasSize(1);
        String text = pages.get(0);
        assertThat(text.lines().filter(l -> l.contains("alpha")).count()).isGreaterThan(2);
        assertThat(text).contains("omega");
    }

    @Test
    void anEmptyReportIsStillAReadableDocument() throws IOException {
        String noRows = text(Fixtures.write(pdf, Fixtures.options(), THREE, List.of()));
        assertThat(noRows).contains("Identifier").contains("No rows.").contains("Page 1 / 1");

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        pdf.open(out, Fixtures.options()).close();
        assertThat(text(out.toByteArray())).contains("Sales by region").contains("This report has no columns.");
    }

    @Test
    void rejectsBadSettingsNamingTheKey() {
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.orientation", "sideways")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("pdf.orientation: must be one of auto, portrait, landscape, was 'sideways'");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.maxColumns", "0")))
                .hasMessage("pdf.maxColumns: must be 1-60, was 0");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.font", "/etc/passwd")))
                .hasMessage("pdf.font: must be one of [dejavu-sans-condensed], was '/etc/passwd'");
        assertThatThrownBy(() -> PdfFormatter.builder().chunkRows(1)).hasMessage("chunkRows: must be 10-100000, was 1");
    }

    @Test
    void describesItself() {
        assertThat(pdf.id()).isEqualTo("pdf");
        assertThat(pdf.fileExtension()).isEqualTo("pdf");
        assertThat(pdf.mediaType()).isEqualTo("application/pdf");
        assertThat(pdf.maxColumns()).isEqualTo(20);
        assertThat(pdf.chunkRows()).isEqualTo(1_000);
    }

    @Test
    void bundlesTheFontLicence() throws IOException {
        try (var in = PdfFormatter.class.getResourceAsStream(
                "/io/scheduledreports/formats/internal/fonts/LICENSE-DejaVu.txt")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Bitstream Vera Fonts Copyright")
                    .contains("Arev Fonts Copyright");
        }
        assertThat(Files.exists(Path.of("src/main/resources/io/scheduledreports/formats/internal/fonts")))
                .isTrue();
    }

    @Test
    void toBuilderKeepsEverySettingButTheOneChanged() {
        PdfFormatter base = PdfFormatter.builder()
                .orientation(PdfFormatter.Orientation.LANDSCAPE)
                .pageSize(PdfFormatter.PageSize.LETTER)
                .maxColumns(12)
                .maxLines(5)
                .defaultSettings(Map.of(PdfFormatter.SETTING_ACCENT, "#123456"))
                .build();

        PdfFormatter changed = base.toBuilder().maxColumns(30).build();

        assertThat(changed.maxColumns()).isEqualTo(30);
        assertThat(changed.orientation()).isEqualTo(PdfFormatter.Orientation.LANDSCAPE);
        assertThat(changed.pageSize()).isEqualTo(PdfFormatter.PageSize.LETTER);
        assertThat(changed.maxLines()).isEqualTo(5);
        assertThat(changed.defaultSettings()).isEqualTo(base.defaultSettings());
        assertThat(changed.fonts()).isEqualTo(base.fonts());
        assertThat(base.maxColumns()).as("the base is unchanged").isEqualTo(12);
    }
}
