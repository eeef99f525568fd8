package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.formats.PdfFormatter;
import io.scheduledreports.formats.XlsxFormatter;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsValidationException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A schedule's {@code format_options}: stored with the schedule on each database, checked against the formatter on
 * create and update (also when only the format changes), and handed to the formatter at every run, here seen in
 * the files themselves: a branded PDF's text, a CSV's delimiter and comment line, an XLSX's sheets and properties.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class FormatOptionsTest {

    static final Instant T0 = Instant.parse("2026-02-10T18:30:00Z");
    static final String DAILY_9_PARIS = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Europe/Paris\"}";

    final Actor alice = Actor.of("acme", "alice");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    @TempDir
    Path hostFiles;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;

    @BeforeEach
    void start() throws IOException {
        f = new EngineFixture(database, artifacts);
        // the host registers its logo by name; schedules can only name it
        Path logo = hostFiles.resolve("acme.png");
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x00, 0x55, 0xAA));
        g.fillRect(0, 0, 40, 20);
        g.dispose();
        ImageIO.write(image, "png", logo.toFile());
        PdfFormatter pdf = PdfFormatter.builder().logoFile("acme", logo).build();
        kit = ReportsTestKit.start(f.builder().formatter(pdf).formatter(XlsxFormatter.ofDefaults()), T0);
        reports = kit.reports();
    }

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        f.close();
    }

    ScheduleRequest.Builder sales(String format) {
        return ScheduleRequest.builder()
                .name("Sales EMEA")
                .reportType("sales")
                .param("region", "north")
                .outputFormat(format)
                .schedule(DAILY_9_PARIS)
                .recipient("email", "alice@acme.test");
    }

    byte[] runAndRead(ScheduledReport s) throws IOException {
        Execution run = reports.runNow(alice, s.id());
        kit.runDue();
        try (ArtifactDownload file = reports.openArtifact(alice, run.id())) {
            return file.stream().readAllBytes();
        }
    }

    static Map<String, Object> branding() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("title", "Sales for {region}");
        options.put("subtitle", "Prepared for the EMEA board");
        options.put("header", "ACME confidential - {report}");
        options.put("footer", "Generated {generated}");
        options.put("accent", "#0055AA");
        options.put("logo", "acme");
        options.put("page_size", "letter");
        options.put("orientation", "landscape");
        return options;
    }

    @Test
    void brandedPdfOptionsAreStoredShownAndAppliedAtGeneration() throws IOException {
        ScheduledReport created =
                reports.create(alice, sales("pdf").formatOptions(branding()).build());

        assertThat(created.formatOptions()).isEqualTo(branding());
        assertThat(reports.get(alice, created.id()).formatOptions())
                .as("read back from the scheduled_reports row")
                .isEqualTo(branding());

        byte[] pdf = runAndRead(created);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text)
                    .contains("Sales for north", "Prepared for the EMEA board", "ACME confidential - Sales EMEA")
                    .contains("Generated Feb 10, 2026, 7:30:00"); // the footer: the run-now time in Paris
            var page = doc.getPage(0).getMediaBox();
            assertThat(page.getWidth()).as("US Letter, landscape").isEqualTo(792f);
            assertThat(page.getHeight()).isEqualTo(612f);
            assertThat(doc.getPage(0).getResources().getXObjectNames())
                    .as("the host's logo is drawn")
                    .isNotEmpty();
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndNothingIsStored() {
        assertRefused("pdf", Map.of("colour", "#FF0000"), "format_options.colour", "unknown option of format 'pdf'");
        assertRefused("pdf", Map.of("accent", "blue"), "format_options.accent", "#RRGGBB");
        assertRefused("pdf", Map.of("logo", "evil"), "format_options.logo", "must name a logo the host registered");
        assertRefused("pdf", Map.of("logo", "/etc/passwd"), "format_options.logo", "[acme]");
        assertRefused("pdf", Map.of("logo", "https://evil.example/x.png"), "format_options.logo", "registered, one of");
        assertRefused("pdf", Map.of("page_size", "a9"), "format_options.page_size", "a4, a3, letter, legal");
        assertRefused("pdf", Map.of("pageSize", "a4"), "format_options.pageSize", "snake case");
        assertRefused("csv", Map.of("delimiter", ";;"), "format_options.delimiter", "single character");
        assertRefused("csv", Map.of("bom", "yes"), "format_options.bom", "true or false");
        assertRefused("xlsx", Map.of("column_widths", List.of(10, 300)), "format_options.column_widths", "1-255");
        assertRefused("xlsx", Map.of("sheet_name", Map.of("a", 1)), "format_options.sheet_name", "a string");
        assertThat(reports.list(alice, ScheduleQuery.all()).total()).isZero();
    }

    private void assertRefused(String format, Map<String, Object> options, String field, String rule) {
        assertThatThrownBy(() -> reports.create(
                        alice, sales(format).formatOptions(options).build()))
                .isInstanceOfSatisfying(
                        ReportsValidationException.class,
                        e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ")
                .hasMessageContaining(rule);
    }

    @Test
    void changingTheFormatChecksTheOptionsAgainstTheNewFormat() {
        ScheduledReport csv = reports.create(
                alice, sales("csv").formatOption("delimiter", ";").build());

        assertThatThrownBy(() -> reports.update(
                        alice,
                        csv.id(),
                        csv.version(),
                        sales("pdf").formatOption("delimiter", ";").build()))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("format_options.delimiter: unknown option of format 'pdf'");
        assertThat(reports.get(alice, csv.id()).outputFormat()).isEqualTo("csv");

        ScheduledReport pdf = reports.update(
                alice,
                csv.id(),
                csv.version(),
                sales("pdf").formatOption("page_size", "a3").build());
        assertThat(pdf.formatOptions()).containsExactly(Map.entry("page_size", "a3"));
    }

    @Test
    void csvOptionsChangeTheFileAndTheCommentLineSaysWhatAndWhen() throws IOException {
        ScheduledReport s = reports.create(
                alice,
                sales("csv")
                        .formatOption("delimiter", ";")
                        .formatOption("comment", true)
                        .build());

        String csv = new String(runAndRead(s), StandardCharsets.UTF_8);

        assertThat(csv.lines().toList())
                .startsWith(
                        "# Sales EMEA, generated 2026-02-10T19:30:00+01:00 (Europe/Paris); region=north",
                        "tenant;window;n;amount");
    }

    @Test
    void withoutOptionsCsvIsUnchanged() throws IOException {
        ScheduledReport s = reports.create(alice, sales("csv").build());

        assertThat(s.formatOptions()).isEmpty();
        assertThat(new String(runAndRead(s), StandardCharsets.UTF_8)).startsWith("tenant,window,n,amount\r\n");
    }

    @Test
    void xlsxOptionsNameTheSheetFixWidthsAndAddTheAboutSheetAndProperties() throws IOException {
        ScheduledReport s = reports.create(
                alice,
                sales("xlsx")
                        .formatOption("sheet_name", "Orders")
                        .formatOption("freeze_header", false)
                        .formatOption("auto_filter", false)
                        .formatOption("column_widths", List.of(30, 12))
                        .formatOption("about_sheet", true)
                        .build());

        Map<String, String> parts = unzip(runAndRead(s));

        assertThat(parts.get("xl/workbook.xml")).contains("name=\"Orders\"", "name=\"About\"");
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        assertThat(sheet).doesNotContain("<pane", "<autoFilter");
        assertThat(sheet).containsPattern("<col min=\"1\" max=\"1\" width=\"30(\\.0)?\"");
        assertThat(sheet).containsPattern("<col min=\"2\" max=\"2\" width=\"12(\\.0)?\"");
        assertThat(parts.get("docProps/core.xml"))
                .contains("<dc:title>Sales EMEA</dc:title>")
                .contains("2026-02-10T18:30:00Z") // created: the generation time, not the wall clock
                .contains("region=north");
        assertThat(parts.get("docProps/app.xml")).contains("Scheduled Reports");
        String about = parts.get("xl/worksheets/sheet2.xml");
        assertThat(about).contains("Sales EMEA", "region", "north", "2026-02-10T19:30:00+01:00", "Europe/Paris");
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
