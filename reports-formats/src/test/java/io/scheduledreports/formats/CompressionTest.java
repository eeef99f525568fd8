package io.scheduledreports.formats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class CompressionTest {

    private static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new Object[] {"customer " + i, (long) i});
        }
        return rows;
    }

    private static final List<Column> COLUMNS = List.of(Column.text("customer"), Column.integer("n"));

    @Test
    void gzipWrapsAnyFormatAndReadsBackToTheSameBytes() throws IOException {
        OutputFormatter gz = Formatters.compressed(CsvFormatter.ofDefaults(), Compression.GZIP);

        byte[] packed = Fixtures.write(gz, Fixtures.options(), COLUMNS, rows());
        byte[] plain = Fixtures.write(CsvFormatter.ofDefaults(), Fixtures.options(), COLUMNS, rows());

        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        assertThat(packed.length).isLessThan(plain.length / 3);
        assertThat(gz.id()).isEqualTo("csv.gz");
        assertThat(gz.fileExtension()).isEqualTo("csv.gz");
        assertThat(gz.mediaType()).isEqualTo("application/gzip");
    }

    @Test
    void zipHoldsOneEntryNamedAfterTheTitle() throws IOException {
        OutputFormatter zip = Formatters.compressed(XlsxFormatter.ofDefaults(), Compression.ZIP);

        byte[] packed = Fixtures.write(zip, Fixtures.options().withTitle("Sales: Q1/2026"), COLUMNS, rows());

        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(packed))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("Sales_ Q1_2026.xlsx");
            byte[] xlsx = in.readAllBytes();
            assertThat(XlsxFormatterTest.read(xlsx).values().iterator().next()).hasSize(1_001);
            assertThat(in.getNextEntry()).isNull();
        }
        assertThat(zip.id()).isEqualTo("xlsx.zip");
        assertThat(zip.fileExtension()).isEqualTo("zip");
        assertThat(zip.mediaType()).isEqualTo("application/zip");
    }

    @Test
    void zipEntryIsCalledReportWithoutATitle() throws IOException {
        OutputFormatter zip = Formatters.compressed(CsvFormatter.ofDefaults(), Compression.ZIP);

        byte[] packed = Fixtures.write(zip, Fixtures.options().withTitle("  "), COLUMNS, rows());

        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(packed))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("report.csv");
            assertThat(new String(in.readAllBytes(), UTF_8)).startsWith("customer,n\r\ncustomer 0,0\r\n");
        }
    }

    @Test
    void countsCompressedBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormatter gz = Formatters.compressed(PdfFormatter.ofDefaults(), Compression.GZIP);
        MeteredFormatWriter w;
        try (FormatWriter opened = gz.open(out, Fixtures.options())) {
            w = (MeteredFormatWriter) opened;
            w.columns(COLUMNS);
            for (Object[] row : rows()) {
                w.row(row);
            }
        }

        assertThat(w.bytesWritten()).isEqualTo(out.size());
        assertThat(w.rowCount()).isEqualTo(1_000);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(PdfFormatterTest.text(in.readAllBytes())).contains("customer 999");
        }
    }

    @Test
    void defaultsAreCsvXlsxAndPdf() {
        assertThat(Formatters.defaults()).extracting(OutputFormatter::id).containsExactly("csv", "xlsx", "pdf");
    }
}
