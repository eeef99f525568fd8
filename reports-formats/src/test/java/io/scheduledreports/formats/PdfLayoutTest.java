package io.scheduledreports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.formats.PdfFormatter.TableLayout;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both table layouts read back with PDFBox: the text is real, selectable text, every cell of a sample of rows is
 * found in row and column order, every page has the header and its number.
 */
class PdfLayoutTest {

    private static final List<Column> TYPED = List.of(
            Column.integer("id").withLabel("ID"),
            Column.text("customer").withLabel("Customer"),
            Column.decimal("amount", 2).withLabel("Amount"),
            Column.integer("quantity").withLabel("Quantity"),
            Column.bool("paid").withLabel("Paid"),
            Column.date("ordered").withLabel("Ordered"),
            Column.dateTime("shipped").withLabel("Shipped"),
            Column.text("city").withLabel("City"));

    private static final String[] CITIES = {"Kraków", "Москва", "São Paulo", "Zürich", "Αθήνα"};
    private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

    private static Object[] typedRow(int i) {
        return new Object[] {
            (long) i * 1001,
            "Customer " + i + " GmbH",
            BigDecimal.valueOf(i * 37L % 1_000_000, 2),
            i % 1000,
            i % 3 == 0,
            LocalDate.of(2026, 1, 1).plusDays(i % 365),
            START.plusSeconds(i * 7L),
            CITIES[i % CITIES.length]
        };
    }

    /** The texts a reader expects, built with the JDK's formats for the UK locale, independently of ours. */
    private static List<String> expectedCells(int i) {
        NumberFormat integer = NumberFormat.getIntegerInstance(Locale.UK);
        NumberFormat money = NumberFormat.getNumberInstance(Locale.UK);
        money.setMinimumFractionDigits(2);
        money.setMaximumFractionDigits(2);
        money.setRoundingMode(RoundingMode.HALF_UP);
        Object[] r = typedRow(i);
        return List.of(
                integer.format(r[0]),
                (String) r[1],
                money.format(r[2]),
                integer.format(r[3]),
                (Boolean) r[4] ? "Yes" : "No",
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(Locale.UK)
                        .format((LocalDate) r[5]),
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(Locale.UK)
                        .format(ZonedDateTime.ofInstant((Instant) r[6], Fixtures.BERLIN)),
                (String) r[7]);
    }

    private static PdfFormatter formatter(TableLayout layout) {
        return PdfFormatter.builder().layout(layout).build();
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void everyCellOfASampleOfRowsIsFoundInOrder(TableLayout layout) throws IOException {
        int count = 1_500;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(typedRow(i));
        }

        String text = PdfFormatterTest.text(Fixtures.write(formatter(layout), Fixtures.options(), TYPED, rows));

        int from = 0;
        for (int i = 0; i < count; i += 37) {
            for (String cell : expectedCells(i)) {
                int at = text.indexOf(cell, from);
                assertThat(at)
                        .as("row %s cell '%s' after position %s", i, cell, from)
                        .isGreaterThanOrEqualTo(0);
                from = at + cell.length();
            }
        }
        assertThat(text).contains(expectedCells(count - 1).toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void everyPageHasTheHeaderRowAndPageNOfM(TableLayout layout) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(typedRow(i));
        }

        List<String> pages =
                PdfFormatterTest.pageTexts(Fixtures.write(formatter(layout), Fixtures.options(), TYPED, rows));

        assertThat(pages.size()).isGreaterThanOrEqualTo(5);
        for (int p = 1; p <= pages.size(); p++) {
            String page = pages.get(p - 1);
            assertThat(page)
                    .as("page %s", p)
                    .contains("ID", "Customer", "Amount", "Quantity", "Paid", "Ordered", "Shipped", "City")
                    .contains("Page " + p + " / " + pages.size());
            // The header comes before the page's first row.
            assertThat(page.indexOf("Shipped")).as("page %s", p).isLessThan(page.indexOf("GmbH"));
        }
        assertThat(pages.getFirst()).contains("Sales by region").contains("Nordics");
        assertThat(pages.get(1)).doesNotContain("Nordics");
    }

    @Test
    void streamStartsTheTableOnTheNextPageWhenTheIntroLeavesNoRoom() throws IOException {
        // Intros of growing length: for some of them the parameters end just above the bottom margin.
        for (int count = 30; count <= 60; count++) {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                params.put("parameter_" + i, "value " + i);
            }
            FormatOptions options = new FormatOptions(
                    java.util.Locale.UK, Fixtures.BERLIN, "Many parameters", Fixtures.GENERATED_AT, params, Map.of());
            byte[] pdf = Fixtures.write(
                    PdfFormatter.ofDefaults(), options, TYPED, List.<Object[]>of(typedRow(1), typedRow(2)));

            try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                float height = doc.getPage(0).getMediaBox().getHeight();
                List<Float> rowBaselines = new ArrayList<>();
                List<Integer> rowPages = new ArrayList<>();
                List<Integer> headerPages = new ArrayList<>();
                new org.apache.pdfbox.text.PDFTextStripper() {
                    @Override
                    protected void writeString(String text, List<org.apache.pdfbox.text.TextPosition> positions)
                            throws IOException {
                        if (text.contains("GmbH")) {
                            rowBaselines.add(positions.getFirst().getYDirAdj());
                            rowPages.add(getCurrentPageNo());
                        }
                        if (text.contains("Shipped")) {
                            headerPages.add(getCurrentPageNo());
                        }
                        super.writeString(text, positions);
                    }
                }.getText(doc);
                // The bottom margin is 48 points; the footer sits in it, table rows never do: a row ends about 6
                // points below its baseline (descent and padding).
                assertThat(rowBaselines).as("%s parameters", count).hasSize(2).allMatch(y -> y + 5 < height - 48);
                assertThat(headerPages).as("%s parameters", count).containsAll(rowPages);
                assertThat(rowPages)
                        .as("no header without a row, %s parameters", count)
                        .containsAll(headerPages);
            }
        }
    }

    @Test
    void streamCutsACellAfterMaxLinesWithAnEllipsis() throws IOException {
        PdfFormatter threeLines = PdfFormatter.builder().maxLines(3).build();
        String longText = "alpha ".repeat(80) + "OMEGA";

        String text = PdfFormatterTest.text(Fixtures.write(
                threeLines,
                Fixtures.options(),
                List.of(Column.text("t").withLabel("Text"), Column.integer("n").withLabel("N")),
                List.<Object[]>of(new Object[] {longText, 7})));

        List<String> alphaLines = text.lines().filter(l -> l.contains("alpha")).toList();
        assertThat(alphaLines).hasSize(3);
        assertThat(alphaLines.getLast()).endsWith("…");
        assertThat(alphaLines.getFirst()).doesNotContain("…");
        assertThat(text).doesNotContain("OMEGA");
    }

    @Test
    void streamKeepsTheTextsOwnLineBreaksAndBreaksAWordTooWideForItsColumn() throws IOException {
        String word = "q".repeat(200);

        String text = PdfFormatterTest.text(Fixtures.write(
                PdfFormatter.ofDefaults(),
                Fixtures.options(),
                List.of(Column.text("t").withLabel("Text"), Column.text("w").withLabel("Word")),
                List.<Object[]>of(new Object[] {"first line\r\nsecond line\nthird", word})));

        assertThat(text.lines()).anyMatch(l -> l.startsWith("first line"));
        assertThat(text.lines()).anyMatch(l -> l.startsWith("second line"));
        assertThat(text.lines()).anyMatch(l -> l.startsWith("third"));
        // The long word comes out whole, in pieces on several lines ('q' occurs nowhere else on the page).
        assertThat(text.chars().filter(ch -> ch == 'q').count()).isEqualTo(word.length());
        assertThat(text.lines().filter(l -> l.contains("qqq")).count()).isGreaterThan(1);
    }

    @Test
    void layoutAndMaxLinesAreSettingsOfTheReport() throws IOException {
        FormatOptions table = Fixtures.options().withSetting(PdfFormatter.SETTING_LAYOUT, "table");
        String longText = "alpha ".repeat(80) + "OMEGA";
        List<Column> one = List.of(Column.text("t").withLabel("Text"));
        List<Object[]> rows = List.<Object[]>of(new Object[] {longText});

        String asTable = PdfFormatterTest.text(Fixtures.write(PdfFormatter.ofDefaults(), table, one, rows));
        String twoLines = PdfFormatterTest.text(Fixtures.write(
                PdfFormatter.ofDefaults(),
                Fixtures.options().withSetting(PdfFormatter.SETTING_MAX_LINES, "2"),
                one,
                rows));

        assertThat(asTable).contains("OMEGA");
        assertThat(twoLines).doesNotContain("OMEGA");
        assertThat(twoLines.lines().filter(l -> l.contains("alpha")).count()).isEqualTo(2);
    }

    @Test
    void rejectsABadLayoutOrLineCountNamingTheSetting() {
        PdfFormatter pdf = PdfFormatter.ofDefaults();
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.layout", "grid")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("pdf.layout: must be one of stream, table, was 'grid'");
        assertThatThrownBy(() -> pdf.validateSettings(Map.of("pdf.maxLines", "0")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("pdf.maxLines: must be 1-40, was 0");
        assertThatThrownBy(() -> PdfFormatter.builder().maxLines(41)).hasMessage("maxLines: must be 1-40, was 41");
        assertThat(pdf.layout()).isEqualTo(TableLayout.STREAM);
        assertThat(pdf.maxLines()).isEqualTo(PdfFormatter.DEFAULT_MAX_LINES);
    }
}
