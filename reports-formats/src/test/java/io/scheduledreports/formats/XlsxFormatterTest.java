package io.scheduledreports.formats;

import static io.scheduledreports.formats.Fixtures.COLUMNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

class XlsxFormatterTest {

    private final XlsxFormatter xlsx = XlsxFormatter.ofDefaults();

    /** Sheet name to its rows, read with fastexcel-reader including cell formats. */
    static Map<String, List<Row>> read(byte[] bytes) throws IOException {
        Map<String, List<Row>> sheets = new LinkedHashMap<>();
        try (ReadableWorkbook wb =
                new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, false))) {
            for (Sheet s : wb.getSheets().toList()) {
                sheets.put(s.getName(), s.read());
            }
        }
        return sheets;
    }

    /** The text of one file inside the xlsx zip, found through the central directory as Excel does. */
    static String part(byte[] bytes, String name) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("part", ".xlsx");
        try {
            java.nio.file.Files.write(file, bytes);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry e = zip.getEntry(name);
                assertThat(e).as(name + " in the workbook").isNotNull();
                return new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    private static Optional<Cell> cell(List<Row> rows, int rowNum, int col) {
        return rows.stream()
                .filter(r -> r.getRowNum() == rowNum)
                .findFirst()
                .flatMap(r -> r.getOptionalCell(col))
                .filter(c -> c.getType() != CellType.EMPTY);
    }

    private static Cell at(List<Row> rows, int rowNum, int col) {
        return cell(rows, rowNum, col)
                .orElseThrow(() -> new AssertionError("no cell at row " + rowNum + ", column " + col));
    }

    @Test
    void roundTripsTypedCellsThroughFastexcelReader() throws IOException {
        byte[] bytes = Fixtures.write(xlsx, Fixtures.options(), COLUMNS, Fixtures.rows());

        Map<String, List<Row>> sheets = read(bytes);

        assertThat(sheets).containsOnlyKeys("Sales by region");
        List<Row> rows = sheets.get("Sales by region");
        assertThat(rows.get(0).stream().map(Cell::getText))
                .containsExactly("Name", "Count", "Amount", "Active", "Day", "At");

        assertThat(at(rows, 2, 0).getText()).isEqualTo("Zoë Ærøskøbing");
        assertThat(at(rows, 2, 1).asNumber()).isEqualByComparingTo("1");
        assertThat(at(rows, 2, 2).asNumber()).isEqualByComparingTo("12.5");
        assertThat(at(rows, 2, 2).getDataFormatString()).isEqualTo("#,##0.00");
        assertThat(at(rows, 2, 3).asBoolean()).isTrue();
        assertThat(at(rows, 2, 4).asDate()).isEqualTo(LocalDateTime.of(2026, 3, 28, 0, 0));
        assertThat(at(rows, 2, 4).getDataFormatString()).isEqualTo("yyyy-mm-dd");
        assertThat(at(rows, 2, 5).asDate()).as("01:30 CET, before the gap").isEqualTo("2026-03-29T01:30");
        assertThat(at(rows, 2, 5).getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");

        assertThat(at(rows, 3, 0).getText()).isEqualTo("Москва — Привет");
        assertThat(at(rows, 3, 1).getType())
                .as("Long.MAX_VALUE kept exact as text")
                .isEqualTo(CellType.STRING);
        assertThat(at(rows, 3, 1).getText()).isEqualTo("9223372036854775807");
        assertThat(at(rows, 3, 2).asNumber()).isEqualByComparingTo("-0.01");
        assertThat(at(rows, 3, 3).asBoolean()).isFalse();
        assertThat(cell(rows, 3, 4)).as("null date").isEmpty();
        assertThat(at(rows, 3, 5).asDate()).as("03:30 CEST, after the gap").isEqualTo("2026-03-29T03:30");

        assertThat(at(rows, 4, 0).getText()).isEqualTo("東京 日本語 😀🚀");
        assertThat(at(rows, 4, 1).asNumber()).isEqualByComparingTo("-42");
        assertThat(at(rows, 4, 2).getText()).isEqualTo("123456789012345678901234567890.00");
        assertThat(cell(rows, 4, 3)).isEmpty();
        assertThat(at(rows, 4, 5).asDate())
                .as("first 02:30 of the autumn overlap")
                .isEqualTo("2026-10-25T02:30");

        assertThat(at(rows, 5, 0).getText()).isEqualTo(Fixtures.MULTILINE);
        assertThat(at(rows, 5, 1).getText()).isEqualTo("1180591620717411303424");
        assertThat(at(rows, 5, 2).asNumber()).isEqualByComparingTo("1234567.89");
        assertThat(at(rows, 5, 4).asDate()).isEqualTo(LocalDate.of(1999, 12, 31).atStartOfDay());
        assertThat(at(rows, 5, 5).asDate()).as("second 02:30 of the overlap").isEqualTo("2026-10-25T02:30");

        for (int c = 0; c < 6; c++) {
            assertThat(cell(rows, 6, c)).as("all-null row, column %s", c).isEmpty();
        }
        assertThat(at(rows, 7, 1).asNumber()).isEqualByComparingTo("0");
        assertThat(at(rows, 7, 4).asDate()).isEqualTo(LocalDate.of(2000, 2, 29).atStartOfDay());
        assertThat(at(rows, 7, 5).asDate()).as("LocalDateTime is already local").isEqualTo("2026-07-01T12:00");
    }

    @Test
    void headerIsBoldFrozenAndFilteredAndColumnsHaveWidths() throws IOException {
        byte[] bytes = Fixtures.write(xlsx, Fixtures.options(), COLUMNS, Fixtures.rows());

        String sheet = part(bytes, "xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("ySplit=\"1\"").contains("state=\"frozen\"");
        assertThat(sheet).contains("<autoFilter ref=\"A1:F7\">");
        assertThat(sheet).contains("<col min=\"1\" max=\"1\"").contains("<col min=\"6\" max=\"6\"");
        assertThat(sheet).as("text is inline, not in the shared-string table").contains("t=\"inlineStr\"");
        assertThat(part(bytes, "xl/styles.xml")).contains("<b/>");
    }

    @Test
    void textThatLooksLikeAFormulaStaysText() throws IOException {
        byte[] bytes = Fixtures.write(
                xlsx, Fixtures.options(), List.of(Column.text("t")), List.<Object[]>of(new Object[] {"=1+1"}));

        Cell c = at(read(bytes).values().iterator().next(), 2, 0);
        assertThat(c.getType()).isEqualTo(CellType.STRING);
        assertThat(c.getText()).isEqualTo("=1+1");
        assertThat(part(bytes, "xl/worksheets/sheet1.xml")).doesNotContain("<f>");
    }

    @Test
    void rollsOverToANewSheetWithTheHeaderRepeated() throws IOException {
        XlsxFormatter small = XlsxFormatter.builder().maxRowsPerSheet(4).build();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(new Object[] {"row " + i, i});
        }

        Map<String, List<Row>> sheets = read(Fixtures.write(
                small, Fixtures.options(), List.of(Column.text("name").withLabel("Name"), Column.integer("n")), rows));

        assertThat(sheets.keySet())
                .containsExactly(
                        "Sales by region", "Sales by region (2)", "Sales by region (3)", "Sales by region (4)");
        List<String> seen = new ArrayList<>();
        for (List<Row> sheet : sheets.values()) {
            assertThat(sheet.get(0).getCellText(0)).isEqualTo("Name");
            assertThat(sheet.size()).isLessThanOrEqualTo(4);
            sheet.stream().skip(1).forEach(r -> seen.add(r.getCellText(0)));
        }
        assertThat(seen)
                .containsExactly(
                        "row 1", "row 2", "row 3", "row 4", "row 5", "row 6", "row 7", "row 8", "row 9", "row 10");
    }

    @Test
    void everySheetDeclaresTheTrueExtentOfItsCells() throws Exception {
        // Readers that trust <dimension> (openpyxl read-only) saw one cell when it said "A1".
        XlsxFormatter small = XlsxFormatter.builder().maxRowsPerSheet(500).build();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 28; c++) { // past Z: AA, AB
            columns.add(Column.integer("c" + c));
        }
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 829; r++) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = (long) r * c;
            }
            rows.add(row);
        }
        byte[] bytes = Fixtures.write(small, Fixtures.options(), columns, rows);

        // Read with the JDK's StAX parser, independently of fastexcel: the declared range against the cells.
        assertThat(declaredAndActualExtent(part(bytes, "xl/worksheets/sheet1.xml")))
                .containsExactly("A1:AB500", "A1:AB500");
        assertThat(declaredAndActualExtent(part(bytes, "xl/worksheets/sheet2.xml")))
                .containsExactly("A1:AB331", "A1:AB331");
        // An empty report (no columns declared) has a one-cell sheet and says so.
        java.io.ByteArrayOutputStream empty = new java.io.ByteArrayOutputStream();
        small.open(empty, Fixtures.options()).close();
        assertThat(part(empty.toByteArray(), "xl/worksheets/sheet1.xml")).contains("<dimension ref=\"A1\"/>");
    }

    /** The sheet's {@code <dimension ref>} and the range its {@code <c r>} cells actually span. */
    private static List<String> declaredAndActualExtent(String sheetXml) throws Exception {
        var reader =
                javax.xml.stream.XMLInputFactory.newFactory().createXMLStreamReader(new java.io.StringReader(sheetXml));
        String declared = null;
        String lastColumn = "A";
        int lastRow = 0;
        while (reader.hasNext()) {
            if (reader.next() == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                if (reader.getLocalName().equals("dimension")) {
                    declared = reader.getAttributeValue(null, "ref");
                } else if (reader.getLocalName().equals("c")) {
                    String ref = reader.getAttributeValue(null, "r");
                    String letters = ref.replaceAll("[0-9]", "");
                    int row = Integer.parseInt(ref.replaceAll("[A-Z]", ""));
                    lastRow = Math.max(lastRow, row);
                    if (letters.length() > lastColumn.length()
                            || (letters.length() == lastColumn.length() && letters.compareTo(lastColumn) > 0)) {
                        lastColumn = letters;
                    }
                }
            }
        }
        return List.of(String.valueOf(declared), "A1:" + lastColumn + lastRow);
    }

    @Test
    void rolloverLimitCanBeSetPerReport() throws IOException {
        FormatOptions options = Fixtures.options().withSetting(XlsxFormatter.SETTING_MAX_ROWS_PER_SHEET, "2");

        Map<String, List<Row>> sheets = read(Fixtures.write(
                xlsx, options, List.of(Column.integer("n")), List.<Object[]>of(new Object[] {1}, new Object[] {2})));

        assertThat(sheets).hasSize(2);
    }

    @Test
    void sheetNameFollowsExcelRules() throws IOException {
        FormatOptions options = Fixtures.options().withTitle("Q1: Sales [EU] / 2026? and a title that is far too long");

        Map<String, List<Row>> sheets =
                read(Fixtures.write(xlsx, options, List.of(Column.integer("n")), List.<Object[]>of(new Object[] {1})));

        assertThat(sheets.keySet()).containsExactly("Q1- Sales -EU- - 2026- and a ti");
    }

    @Test
    void largeNumbersCanBeWrittenAsNumbersWhenAskedTo() throws IOException {
        XlsxFormatter numbers =
                XlsxFormatter.builder().largeNumbersAsText(false).build();

        List<Row> rows = read(Fixtures.write(
                        numbers,
                        Fixtures.options(),
                        List.of(Column.integer("n"), Column.decimal("d", -1)),
                        List.<Object[]>of(new Object[] {Long.MAX_VALUE, new BigDecimal("1234567890.123456789")})))
                .values()
                .iterator()
                .next();

        assertThat(at(rows, 2, 0).getType()).isEqualTo(CellType.NUMBER);
        assertThat(at(rows, 2, 1).getType()).isEqualTo(CellType.NUMBER);
    }

    @Test
    void numbersWithinExcelPrecisionStayNumbers() throws IOException {
        List<Row> rows = read(Fixtures.write(
                        xlsx,
                        Fixtures.options(),
                        List.of(Column.integer("n"), Column.decimal("d", -1), Column.decimal("p", 3)),
                        List.<Object[]>of(new Object[] {
                            9_007_199_254_740_992L, new BigDecimal("12345678901.2345"), new BigDecimal("1.5000")
                        })))
                .values()
                .iterator()
                .next();

        assertThat(at(rows, 2, 0).asNumber()).isEqualByComparingTo("9007199254740992");
        assertThat(at(rows, 2, 1).asNumber()).isEqualByComparingTo("12345678901.2345");
        assertThat(at(rows, 2, 2).asNumber()).isEqualByComparingTo("1.5");
        assertThat(at(rows, 2, 2).getDataFormatString()).isEqualTo("#,##0.000");
    }

    @Test
    void columnPatternsBecomeExcelFormats() throws IOException {
        List<Row> rows = read(Fixtures.write(
                        xlsx,
                        Fixtures.options(),
                        List.of(
                                Column.decimal("pct", -1).withPattern("0.0%"),
                                Column.date("d").withPattern("dd.MM.yyyy"),
                                Column.dateTime("t").withPattern("d MMM yyyy HH:mm")),
                        List.<Object[]>of(
                                new Object[] {0.25, LocalDate.of(2026, 1, 2), LocalDateTime.of(2026, 1, 2, 3, 4)})))
                .values()
                .iterator()
                .next();

        assertThat(at(rows, 2, 0).getDataFormatString()).isEqualTo("0.0%");
        assertThat(at(rows, 2, 1).getDataFormatString()).isEqualTo("dd.mm.yyyy");
        assertThat(at(rows, 2, 2).getDataFormatString()).isEqualTo("d mmm yyyy hh:mm");
    }

    @Test
    void compressionLevelTradesSizeForSpeed() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(new Object[] {"customer " + i, i});
        }
        List<Column> cols = List.of(Column.text("c"), Column.integer("n"));

        byte[] stored =
                Fixtures.write(XlsxFormatter.builder().compressionLevel(0).build(), Fixtures.options(), cols, rows);
        byte[] fast = Fixtures.write(xlsx, Fixtures.options(), cols, rows);

        assertThat(fast.length).isLessThan(stored.length / 3);
        assertThat(read(stored).values().iterator().next()).hasSize(2_001);
    }

    @Test
    void rejectsBadLimitsNamingTheField() {
        assertThatThrownBy(() -> XlsxFormatter.builder().maxRowsPerSheet(1))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("maxRowsPerSheet: must be 2-1048576, was 1");
        assertThatThrownBy(() -> XlsxFormatter.builder().compressionLevel(10))
                .hasMessage("compressionLevel: must be 0-9, was 10");
        assertThatThrownBy(() -> xlsx.validateSettings(Map.of("xlsx.maxRowsPerSheet", "2000000")))
                .hasMessage("xlsx.maxRowsPerSheet: must be 2-1048576, was 2000000");
        assertThatThrownBy(() -> xlsx.validateSettings(Map.of("xlsx.rows", "5")))
                .hasMessageStartingWith("xlsx.rows: unknown setting");
    }

    @Test
    void describesItself() {
        assertThat(xlsx.id()).isEqualTo("xlsx");
        assertThat(xlsx.fileExtension()).isEqualTo("xlsx");
        assertThat(xlsx.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.maxRowsPerSheet()).isEqualTo(1_048_576);
        assertThat(xlsx.compressionLevel()).isEqualTo(1);
        assertThat(xlsx.toBuilder().maxRowsPerSheet(10).build().maxRowsPerSheet())
                .isEqualTo(10);
    }
}
