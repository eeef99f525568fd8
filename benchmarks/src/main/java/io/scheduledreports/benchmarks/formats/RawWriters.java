package io.scheduledreports.benchmarks.formats;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.scheduledreports.spi.Column;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The same rows written with the libraries directly, as a developer would by hand for the same output: the
 * baseline that shows what our formatters add. No type checks, no settings, no formula escaping, no page
 * footer; otherwise the same conversions, number formats and cell styles.
 */
final class RawWriters {
    private static final String FONT = "/io/scheduledreports/formats/internal/fonts/DejaVuSansCondensed.ttf";
    private static final String BOLD = "/io/scheduledreports/formats/internal/fonts/DejaVuSansCondensed-Bold.ttf";

    private RawWriters() {}

    static void csv(BenchmarkRows rows, long n, ZoneId zone, OutputStream out) throws IOException {
        try (CsvWriter w = CsvWriter.builder().build(out)) {
            String[] f = new String[BenchmarkRows.COLUMNS.size()];
            for (int c = 0; c < f.length; c++) {
                f[c] = BenchmarkRows.COLUMNS.get(c).name();
            }
            w.writeRecord(f);
            for (long i = 0; i < n; i++) {
                Object[] r = rows.row(i);
                f[0] = Long.toString((Long) r[0]);
                f[1] = (String) r[1];
                f[2] = (String) r[2];
                f[3] = ((BigDecimal) r[3]).setScale(2, RoundingMode.HALF_UP).toPlainString();
                f[4] = Integer.toString((Integer) r[4]);
                f[5] = r[5].toString();
                f[6] = r[6].toString();
                f[7] = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(((Instant) r[7]).atZone(zone));
                f[8] = BigDecimal.valueOf((Double) r[8]).stripTrailingZeros().toPlainString();
                f[9] = (String) r[9];
                w.writeRecord(f);
            }
        }
    }

    static void xlsx(BenchmarkRows rows, long n, ZoneId zone, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Benchmark", null);
        wb.setCompressionLevel(1);
        Worksheet ws = wb.newWorksheet("Benchmark");
        int cols = BenchmarkRows.COLUMNS.size();
        for (int c = 0; c < cols; c++) {
            ws.inlineString(0, c, BenchmarkRows.COLUMNS.get(c).label());
        }
        ws.range(0, 0, 0, cols - 1).style().bold().set();
        ws.freezePane(0, 1);
        int batchStart = 1;
        int r = 1;
        for (long i = 0; i < n; i++, r++) {
            Object[] v = rows.row(i);
            ws.value(r, 0, (Long) v[0]);
            ws.inlineString(r, 1, (String) v[1]);
            ws.inlineString(r, 2, (String) v[2]);
            ws.value(r, 3, ((BigDecimal) v[3]).setScale(2, RoundingMode.HALF_UP).doubleValue());
            ws.value(r, 4, (Integer) v[4]);
            ws.value(r, 5, (Boolean) v[5]);
            ws.value(r, 6, (LocalDate) v[6]);
            ws.value(r, 7, LocalDateTime.ofInstant((Instant) v[7], zone));
            ws.value(r, 8, (Double) v[8]);
            if (v[9] != null) {
                ws.inlineString(r, 9, (String) v[9]);
            }
            if (r + 1 - batchStart == 1_000) {
                style(ws, batchStart, r);
                ws.flush();
                batchStart = r + 1;
            }
        }
        style(ws, batchStart, r - 1);
        ws.setAutoFilter(0, 0, r - 1, cols - 1);
        wb.finish();
    }

    private static void style(Worksheet ws, int first, int last) {
        if (last < first) {
            return;
        }
        ws.range(first, 0, last, 0).style().format("0").set();
        ws.range(first, 3, last, 3).style().format("#,##0.00").set();
        ws.range(first, 4, last, 4).style().format("0").set();
        ws.range(first, 6, last, 6).style().format("yyyy-mm-dd").set();
        ws.range(first, 7, last, 7).style().format("yyyy-mm-dd hh:mm:ss").set();
    }

    static void pdf(BenchmarkRows rows, long n, ZoneId zone, Locale locale, OutputStream out) throws IOException {
        Document doc = new Document(new Rectangle(842, 595), 36, 36, 36, 48);
        PdfWriter.getInstance(doc, out).setCloseStream(false);
        doc.open();
        Font font = new Font(font(FONT), 8, Font.NORMAL, Color.BLACK);
        Font bold = new Font(font(BOLD), 8, Font.NORMAL, Color.BLACK);
        doc.add(new Paragraph("Benchmark", new Font(font(BOLD), 15)));
        NumberFormat integer = NumberFormat.getIntegerInstance(locale);
        NumberFormat amount = NumberFormat.getNumberInstance(locale);
        amount.setMinimumFractionDigits(2);
        amount.setMaximumFractionDigits(2);
        amount.setRoundingMode(RoundingMode.HALF_UP);
        NumberFormat ratio = NumberFormat.getNumberInstance(locale);
        ratio.setMaximumFractionDigits(340);
        DateTimeFormatter date =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        DateTimeFormatter dateTime =
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale);

        int cols = BenchmarkRows.COLUMNS.size();
        PdfPTable table = new PdfPTable(cols);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setComplete(false);
        for (Column c : BenchmarkRows.COLUMNS) {
            PdfPCell cell = new PdfPCell(new Phrase(c.label(), bold));
            cell.setBackgroundColor(new Color(0xDD, 0xE4, 0xEE));
            table.addCell(cell);
        }
        Color rule = new Color(0xC5, 0xCD, 0xD8);
        Color stripe = new Color(0xF4, 0xF6, 0xF9);
        String[] text = new String[cols];
        for (long i = 0; i < n; i++) {
            Object[] v = rows.row(i);
            text[0] = integer.format((long) (Long) v[0]);
            text[1] = (String) v[1];
            text[2] = (String) v[2];
            text[3] = amount.format(v[3]);
            text[4] = integer.format((long) (Integer) v[4]);
            text[5] = (Boolean) v[5] ? "Yes" : "No";
            text[6] = date.format((LocalDate) v[6]);
            text[7] = dateTime.format(((Instant) v[7]).atZone(zone));
            text[8] = ratio.format(BigDecimal.valueOf((Double) v[8]));
            text[9] = v[9] == null ? "" : (String) v[9];
            for (int c = 0; c < cols; c++) {
                PdfPCell cell = new PdfPCell(new Phrase(text[c], font));
                cell.setBorder(Rectangle.BOTTOM);
                cell.setBorderColor(rule);
                cell.setBorderWidth(0.25f);
                cell.setPaddingLeft(3);
                cell.setPaddingRight(3);
                cell.setPaddingTop(2);
                cell.setPaddingBottom(3.5f);
                if (c == 0 || c == 3 || c == 4 || c == 8) {
                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                if (i % 2 == 1) {
                    cell.setBackgroundColor(stripe);
                }
                table.addCell(cell);
            }
            if ((i + 1) % 1_000 == 0) {
                doc.add(table);
            }
        }
        table.setComplete(true);
        doc.add(table);
        doc.close();
    }

    private static BaseFont font(String resource) throws IOException {
        try (InputStream in = RawWriters.class.getResourceAsStream(resource)) {
            return BaseFont.createFont(
                    resource.substring(resource.lastIndexOf('/') + 1),
                    BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED,
                    false,
                    in.readAllBytes(),
                    null);
        }
    }
}
