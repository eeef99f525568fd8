package io.scheduledreports.formats;

import static io.scheduledreports.formats.Fixtures.COLUMNS;
import static io.scheduledreports.formats.Fixtures.options;
import static io.scheduledreports.formats.Fixtures.rows;
import static io.scheduledreports.formats.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/**
 * What a report says about itself: XLSX document properties and the optional About sheet, the opt-in CSV comment
 * line, and the settings that shape the XLSX sheet (name, frozen header, filter, widths), with their validation.
 */
class ReportMetadataTest {

    static FormatOptions with(Map<String, String> settings) {
        FormatOptions o = options();
        return new FormatOptions(o.locale(), o.zone(), o.title(), o.generatedAt(), o.parameters(), settings);
    }

    @Test
    void xlsxAboutSheetListsReportParametersGenerationTimeAndZone() throws IOException {
        byte[] xlsx = write(XlsxFormatter.ofDefaults(), with(Map.of("xlsx.aboutSheet", "true")), COLUMNS, rows());

        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("Sales by region", "About");
            Map<String, String> about = new LinkedHashMap<>();
            for (Row r : sheets.get(1).read()) {
                about.put(r.getCellText(0), r.getCellText(1));
            }
            assertThat(about)
                    .containsExactly(
                            Map.entry("Report", "Sales by region"),
                            Map.entry("region", "Nordics"),
                            Map.entry("period", "last_7_days (2026-03-22 – 2026-03-28)"),
                            Map.entry("Generated at", "2026-03-29T09:15:00+02:00"),
                            Map.entry("Time zone", "Europe/Berlin"));
        }
    }

    @Test
    void xlsxDocumentPropertiesCarryTitleParametersAndGenerationTimeWithoutAboutSheet() throws IOException {
        Map<String, String> parts = unzip(write(XlsxFormatter.ofDefaults(), options(), COLUMNS, rows()));

        assertThat(parts.get("docProps/core.xml"))
                .contains("<dc:title>Sales by region</dc:title>", "<dc:subject>Scheduled report</dc:subject>")
                .contains("region=Nordics")
                .contains(">2026-03-29T07:15:00Z</dcterms:created>");
        assertThat(parts.get("docProps/app.xml")).contains("<Application>Scheduled Reports</Application>");
        assertThat(parts.get("xl/workbook.xml")).doesNotContain("About");
        // the defaults stay: frozen header with a filter
        assertThat(parts.get("xl/worksheets/sheet1.xml")).contains("<pane", "<autoFilter");
    }

    @Test
    void xlsxSheetNameFreezeFilterAndWidthsFollowTheSettings() throws IOException {
        Map<String, String> parts = unzip(write(
                XlsxFormatter.ofDefaults(),
                with(Map.of(
                        "xlsx.sheetName", "Orders: EMEA/2026",
                        "xlsx.freezeHeader", "false",
                        "xlsx.autoFilter", "false",
                        "xlsx.columnWidths", "40, 9")),
                COLUMNS,
                rows()));

        assertThat(parts.get("xl/workbook.xml")).contains("name=\"Orders- EMEA-2026\"");
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        assertThat(sheet).doesNotContain("<pane", "<autoFilter");
        assertThat(sheet).containsPattern("<col min=\"1\" max=\"1\" width=\"40(\\.0)?\"");
        assertThat(sheet).containsPattern("<col min=\"2\" max=\"2\" width=\"9(\\.0)?\"");
    }

    @Test
    void xlsxSettingsAreValidated() {
        XlsxFormatter xlsx = XlsxFormatter.ofDefaults();
        assertThatThrownBy(() -> xlsx.validateSettings(Map.of("xlsx.sheetName", "x".repeat(32))))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("xlsx.sheetName: must be 1-31 characters");
        assertThatThrownBy(() -> xlsx.validateSettings(Map.of("xlsx.columnWidths", "10,0")))
                .hasMessage("xlsx.columnWidths: must be whole numbers 1-255, element 1 was 0");
        assertThatThrownBy(() -> xlsx.validateSettings(Map.of("xlsx.columnWidths", "10,wide")))
                .hasMessage("xlsx.columnWidths: must be whole numbers 1-255, element 1 was 'wide'");
        assertThatThrownBy(() -> xlsx.validateSettings(Map.of("xlsx.aboutSheet", "yes")))
                .hasMessage("xlsx.aboutSheet: must be true or false, was 'yes'");
    }

    @Test
    void csvCommentLineIsOptIn() throws IOException {
        String plain = new String(write(CsvFormatter.ofDefaults(), options(), COLUMNS, rows()), StandardCharsets.UTF_8);
        String commented = new String(
                write(CsvFormatter.ofDefaults(), with(Map.of("csv.comment", "true")), COLUMNS, rows()),
                StandardCharsets.UTF_8);

        assertThat(plain).doesNotStartWith("#");
        assertThat(commented.lines().findFirst().orElseThrow())
                .isEqualTo("# Sales by region, generated 2026-03-29T09:15:00+02:00 (Europe/Berlin); region=Nordics,"
                        + " period=last_7_days (2026-03-22 – 2026-03-28)");
        assertThat(commented.substring(commented.indexOf("\r\n") + 2)).isEqualTo(plain);
    }

    @Test
    void compressedFormatsCheckTheSettingsOfTheFormatInside() {
        OutputFormatter gz = Formatters.compressed(CsvFormatter.ofDefaults(), Compression.GZIP);

        assertThat(gz.settingsPrefix()).isEqualTo("csv.");
        assertThatThrownBy(() -> gz.validateSettings(Map.of("csv.delimeter", ";")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("csv.delimeter: unknown setting");
    }

    @Test
    void aHostFormatterWithoutSettingsRefusesItsOwnKeysAndIgnoresOthers() {
        OutputFormatter plain = new OutputFormatter() {
            @Override
            public String id() {
                return "plain";
            }

            @Override
            public String mediaType() {
                return "text/plain";
            }

            @Override
            public String fileExtension() {
                return "txt";
            }

            @Override
            public FormatWriter open(OutputStream out, FormatOptions options) {
                throw new UnsupportedOperationException();
            }
        };

        plain.validateSettings(Map.of("csv.delimiter", ";"));
        assertThatThrownBy(() -> plain.validateSettings(Map.of("plain.width", "80")))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("plain.width: unknown setting; format 'plain' takes no settings");
    }

    private static Map<String, String> unzip(byte[] xlsx) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return parts;
    }
}
