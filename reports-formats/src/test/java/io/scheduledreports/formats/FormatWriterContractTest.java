package io.scheduledreports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportDataException;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sink contract, the same for every formatter and wrapper. */
class FormatWriterContractTest {

    static Stream<OutputFormatter> formatters() {
        return Stream.of(
                CsvFormatter.ofDefaults(),
                XlsxFormatter.ofDefaults(),
                PdfFormatter.ofDefaults(),
                Formatters.compressed(CsvFormatter.ofDefaults(), Compression.GZIP),
                Formatters.compressed(XlsxFormatter.ofDefaults(), Compression.ZIP));
    }

    private static final List<Column> COLUMNS = List.of(Column.text("name"), Column.decimal("amount", 2));

    @ParameterizedTest
    @MethodSource("formatters")
    void rejectsRowsBeforeColumns(OutputFormatter formatter) throws IOException {
        try (FormatWriter w = formatter.open(new ByteArrayOutputStream(), Fixtures.options())) {
            assertThatThrownBy(() -> w.row("a", BigDecimal.ONE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("row(...) was called before columns(...); declare the columns first");
        }
    }

    @ParameterizedTest
    @MethodSource("formatters")
    void rejectsColumnsDeclaredTwice(OutputFormatter formatter) throws IOException {
        try (FormatWriter w = formatter.open(new ByteArrayOutputStream(), Fixtures.options())) {
            w.columns(COLUMNS);
            assertThatThrownBy(() -> w.columns(COLUMNS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("columns(...) was called twice");
        }
    }

    @ParameterizedTest
    @MethodSource("formatters")
    void rejectsEmptyOrDuplicateColumns(OutputFormatter formatter) throws IOException {
        try (FormatWriter w = formatter.open(new ByteArrayOutputStream(), Fixtures.options())) {
            assertThatThrownBy(() -> w.columns(List.of()))
                    .isInstanceOf(ReportsValidationException.class)
                    .hasMessage("columns: must not be empty");
            assertThatThrownBy(() -> w.columns(List.of(Column.text("a"), Column.integer("a"))))
                    .hasMessage("columns: names must be unique, 'a' appears more than once");
        }
    }

    @ParameterizedTest
    @MethodSource("formatters")
    void aValueOfTheWrongTypeNamesRowAndColumn(OutputFormatter formatter) throws IOException {
        try (FormatWriter w = formatter.open(new ByteArrayOutputStream(), Fixtures.options())) {
            w.columns(COLUMNS);
            w.row("ok", BigDecimal.ONE);
            assertThatThrownBy(() -> w.row("bad", "12.50"))
                    .isInstanceOfSatisfying(ReportDataException.class, e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.DATA);
                        assertThat(e.row()).isEqualTo(2);
                        assertThat(e.column()).isEqualTo("amount");
                    })
                    .hasMessage("row 2, column 'amount': expected DECIMAL but was String '12.50'");
            assertThatThrownBy(() -> w.row("short"))
                    .isInstanceOf(ReportDataException.class)
                    .hasMessage("row 2: has 1 values but 2 columns were declared");
            assertThat(w.rowCount()).as("failed rows are not counted").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("formatters")
    void aNumberWithoutDecimalFormIsADataError(OutputFormatter formatter) throws IOException {
        try (FormatWriter w = formatter.open(new ByteArrayOutputStream(), Fixtures.options())) {
            w.columns(COLUMNS);
            assertThatThrownBy(() -> w.row("nan", Double.NaN))
                    .isInstanceOf(ReportDataException.class)
                    .hasMessage("row 1, column 'amount': expected a finite number but was NaN");
        }
    }

    @ParameterizedTest
    @MethodSource("formatters")
    void countsRowsAndBytesAndLeavesTheStreamOpen(OutputFormatter formatter) throws IOException {
        ClosingAwareStream out = new ClosingAwareStream();
        MeteredFormatWriter w = (MeteredFormatWriter) formatter.open(out, Fixtures.options());
        w.columns(COLUMNS);
        for (int i = 0; i < 2_500; i++) {
            w.row("row " + i, BigDecimal.valueOf(i));
        }
        w.row(List.of("as a list", BigDecimal.TEN));
        w.close();
        w.close(); // a second close does nothing

        assertThat(w.rowCount()).isEqualTo(2_501);
        assertThat(w.bytesWritten()).isEqualTo(out.size()).isPositive();
        assertThat(out.closed).as("the caller's stream stays open").isFalse();
        assertThatThrownBy(() -> w.row("late", BigDecimal.ONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @ParameterizedTest
    @MethodSource("formatters")
    void aReportWithoutColumnsStillClosesAsAValidFile(OutputFormatter formatter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        formatter.open(out, Fixtures.options()).close();

        assertThat(out.size()).isNotNegative();
    }

    private static final class ClosingAwareStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
