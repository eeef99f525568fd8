package io.scheduledreports.formats;

import static io.scheduledreports.formats.Fixtures.COLUMNS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;

class CsvFormatterTest {

    private final CsvFormatter csv = CsvFormatter.ofDefaults();

    /** Reads CSV with commons-csv, an independent parser; a bare empty field reads as null, "" as "". */
    static List<List<String>> parse(String text, char delimiter) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .get();
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord r : format.parse(new StringReader(text))) {
            rows.add(Arrays.asList(r.values()));
        }
        return rows;
    }

    private String write(FormatOptions options, List<Column> columns, List<Object[]> rows) throws IOException {
        return new String(Fixtures.write(csv, options, columns, rows), UTF_8);
    }

    @Test
    void roundTripsEveryTypeThroughAnIndependentParser() throws IOException {
        String text = write(Fixtures.options(), COLUMNS, Fixtures.rows());

        List<List<String>> rows = parse(text, ',');

        assertThat(rows.get(0)).containsExactly("name", "count", "amount", "active", "day", "at");
        assertThat(rows.subList(1, rows.size()))
                .containsExactly(
                        List.of("Zoë Ærøskøbing", "1", "12.50", "true", "2026-03-28", "2026-03-29T01:30:00+01:00"),
                        Arrays.asList(
                                "Москва — Привет",
                                "9223372036854775807",
                                "-0.01",
                                "false",
                                null,
                                "2026-03-29T03:30:00+02:00"),
                        Arrays.asList(
                                "東京 日本語 😀🚀",
                                "-42",
                                "123456789012345678901234567890.00",
                                null,
                                "2026-10-25",
                                "2026-10-25T02:30:00+02:00"),
                        List.of(
                                Fixtures.MULTILINE,
                                "1180591620717411303424",
                                "1234567.89",
                                "true",
                                "1999-12-31",
                                "2026-10-25T02:30:00+01:00"),
                        Arrays.asList(null, null, null, null, null, null),
                        List.of("", "0", "0.00", "false", "2000-02-29", "2026-07-01T12:00:00+02:00"));
    }

    @Test
    void followsRfc4180ByDefault() throws IOException {
        String text = write(
                Fixtures.options(),
                List.of(Column.text("a"), Column.text("b")),
                List.<Object[]>of(new Object[] {"x,y", "say \"hi\""}, new Object[] {"", null}));

        assertThat(text).isEqualTo("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"\",\r\n");
    }

    @Test
    void neutralisesFormulasInTextCellsOnly() throws IOException {
        List<Column> columns = List.of(Column.text("text"), Column.integer("n"), Column.decimal("d", 1));
        List<Object[]> rows = List.of(
                new Object[] {"=HYPERLINK(\"http://evil\",\"x\")", -5, new BigDecimal("-1.5")},
                new Object[] {"+1+1", 1, BigDecimal.ONE},
                new Object[] {"-2+3", 2, BigDecimal.ONE},
                new Object[] {"@SUM(A1)", 3, BigDecimal.ONE},
                new Object[] {"\tcmd", 4, BigDecimal.ONE},
                new Object[] {"\rcmd", 5, BigDecimal.ONE},
                new Object[] {"safe = text", 6, BigDecimal.ONE});

        List<List<String>> parsed = parse(write(Fixtures.options(), columns, rows), ',');

        assertThat(parsed.stream().skip(1).map(r -> r.get(0)))
                .containsExactly(
                        "'=HYPERLINK(\"http://evil\",\"x\")",
                        "'+1+1",
                        "'-2+3",
                        "'@SUM(A1)",
                        "'\tcmd",
                        "'\rcmd",
                        "safe = text");
        assertThat(parsed.get(1))
                .as("numbers are never prefixed")
                .containsExactly("'=HYPERLINK(\"http://evil\",\"x\")", "-5", "-1.5");
    }

    @Test
    void neutralisesFormulasAfterASeparatorWhereExcelWouldSplitTheCell() throws IOException {
        List<Column> columns = List.of(Column.text("text"));
        List<Object[]> rows = List.of(
                new Object[] {"a;=1+1"},
                new Object[] {"x|@SUM(A1)"},
                new Object[] {"t\t-2"},
                new Object[] {"=a; +b"},
                new Object[] {"one;two|three"},
                new Object[] {"5;4"});

        List<List<String>> parsed = parse(write(Fixtures.options(), columns, rows), ',');

        assertThat(parsed.stream().skip(1).map(r -> r.get(0)))
                .containsExactly("a;'=1+1", "x|'@SUM(A1)", "t\t'-2", "'=a; '+b", "one;two|three", "5;4");
    }

    @Test
    void formulaNeutralisationCanBeSwitchedOffPerReport() throws IOException {
        FormatOptions options = Fixtures.options().withSetting(CsvFormatter.SETTING_ESCAPE_FORMULAS, "false");

        String text = write(options, List.of(Column.text("t")), List.<Object[]>of(new Object[] {"=1+1"}));

        assertThat(text).isEqualTo("t\r\n=1+1\r\n");
    }

    @Test
    void settingsChooseDelimiterLineEndingBomAndHeader() throws IOException {
        FormatOptions options = Fixtures.options()
                .withSetting(CsvFormatter.SETTING_DELIMITER, ";")
                .withSetting(CsvFormatter.SETTING_LINE_ENDING, "lf")
                .withSetting(CsvFormatter.SETTING_BOM, "true")
                .withSetting(CsvFormatter.SETTING_HEADER, "false");

        byte[] bytes = Fixtures.write(
                csv, options, List.of(Column.text("a"), Column.text("b")), List.<Object[]>of(new Object[] {"1;2", "3"
                }));

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, UTF_8)).isEqualTo("\"1;2\";3\n");
    }

    @Test
    void builderValuesAreTheDefaultsForEveryReport() throws IOException {
        CsvFormatter tabs = CsvFormatter.builder()
                .delimiter('\t')
                .quote('\'')
                .lineEnding(CsvFormatter.LineEnding.LF)
                .header(false)
                .build();

        byte[] bytes = Fixtures.write(
                tabs, Fixtures.options(), List.of(Column.text("a"), Column.text("b")), List.<Object[]>of(new Object[] {
                    "it's", "x\ty"
                }));

        assertThat(new String(bytes, UTF_8)).isEqualTo("'it''s'\t'x\ty'\n");
        assertThat(tabs.toBuilder().build().delimiter()).isEqualTo('\t');
    }

    @Test
    void columnPatternsRenderInTheReportLocale() throws IOException {
        List<Column> columns = List.of(
                Column.decimal("amount", 2).withPattern("#,##0.00"),
                Column.date("day").withPattern("dd. MMMM yyyy"),
                Column.dateTime("at").withPattern("dd.MM.yyyy HH:mm"),
                Column.bool("ok").withPattern("ja|nein"));
        FormatOptions german = Fixtures.options().withLocale(Locale.GERMANY);

        String text = write(german, columns, List.<Object[]>of(new Object[] {
            new BigDecimal("1234567.125"), LocalDate.of(2026, 3, 1), Instant.parse("2026-03-29T01:30:00Z"), false
        }));

        assertThat(parse(text, ',').get(1))
                .containsExactly("1.234.567,13", "01. März 2026", "29.03.2026 03:30", "nein");
    }

    @Test
    void numbersArePlainWithoutExponentAndScaleRoundsHalfUp() throws IOException {
        List<Column> columns = List.of(Column.decimal("asGiven", -1), Column.decimal("two", 2), Column.integer("i"));

        String text = write(
                Fixtures.options(),
                columns,
                List.<Object[]>of(
                        new Object[] {1e-10, 2.345, (short) 7},
                        new Object[] {new BigDecimal("1E+20"), 2.355f, (byte) -1},
                        new Object[] {12345678.9d, -0.125, java.math.BigInteger.TEN.pow(25)}));

        assertThat(parse(text, ',').subList(1, 4))
                .containsExactly(
                        List.of("0.0000000001", "2.35", "7"),
                        List.of("100000000000000000000", "2.36", "-1"),
                        List.of("12345678.9", "-0.13", "10000000000000000000000000"));
    }

    @Test
    void rejectsUnknownAndInvalidSettingsNamingTheKey() {
        assertThatThrownBy(() -> csv.validateSettings(java.util.Map.of("csv.delimeter", ";")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("csv.delimeter: unknown setting; known settings are [");
        assertThatThrownBy(() -> csv.validateSettings(java.util.Map.of("csv.delimiter", ";;")))
                .hasMessage("csv.delimiter: must be a single character, was ';;'");
        assertThatThrownBy(() -> csv.validateSettings(java.util.Map.of("csv.bom", "yes")))
                .hasMessage("csv.bom: must be true or false, was 'yes'");
        assertThatThrownBy(() -> csv.validateSettings(java.util.Map.of("csv.lineEnding", "windows")))
                .hasMessage("csv.lineEnding: must be one of crlf, lf, cr, was 'windows'");
        assertThatThrownBy(() -> csv.validateSettings(java.util.Map.of("csv.delimiter", "\"")))
                .hasMessage("csv.delimiter: delimiter and quote must differ, both were '\"'");
        csv.validateSettings(java.util.Map.of("pdf.orientation", "sideways", "csv.delimiter", "\\t"));
    }

    @Test
    void builderRejectsImpossibleCombinations() {
        assertThatThrownBy(() -> CsvFormatter.builder().delimiter('\n'))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("delimiter: must not be CR or LF");
        assertThatThrownBy(() -> CsvFormatter.builder().delimiter('"').build())
                .hasMessage("delimiter: delimiter and quote must differ, both were '\"'");
    }

    @Test
    void describesItself() {
        assertThat(csv.id()).isEqualTo("csv");
        assertThat(csv.fileExtension()).isEqualTo("csv");
        assertThat(csv.mediaType()).isEqualTo("text/csv");
        assertThat(CsvFormatter.ofDefaults()).isSameAs(csv);
        assertThat(csv.escapeFormulas()).isTrue();
        assertThat(csv.lineEnding()).isEqualTo(CsvFormatter.LineEnding.CRLF);
    }

    @Test
    void aCommentCharacterStartingTheFirstFieldIsQuotedNotLost() throws IOException {
        String text = write(Fixtures.options(), List.of(Column.text("a")), List.<Object[]>of(new Object[] {"#1"}));

        assertThat(parse(text, ',').get(1)).containsExactly("#1");
    }
}
