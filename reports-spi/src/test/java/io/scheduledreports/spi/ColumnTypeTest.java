package io.scheduledreports.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

    @Test
    void acceptsTheDocumentedJavaTypes() {
        assertThat(ColumnType.TEXT.accepts("x")).isTrue();
        assertThat(ColumnType.TEXT.accepts(new StringBuilder("x"))).isTrue();
        assertThat(ColumnType.TEXT.accepts(ColumnType.DATE)).isTrue();
        assertThat(ColumnType.INTEGER.accepts(BigInteger.TEN)).isTrue();
        assertThat(ColumnType.INTEGER.accepts(1.5)).isFalse();
        assertThat(ColumnType.DECIMAL.accepts(new BigDecimal("1.5"))).isTrue();
        assertThat(ColumnType.DECIMAL.accepts(7)).isTrue();
        assertThat(ColumnType.BOOLEAN.accepts("true")).isFalse();
        assertThat(ColumnType.DATE.accepts(LocalDate.EPOCH)).isTrue();
        assertThat(ColumnType.DATE.accepts(LocalDateTime.MIN)).isFalse();
        assertThat(ColumnType.DATE_TIME.accepts(Instant.EPOCH)).isTrue();
        assertThat(ColumnType.DATE_TIME.accepts(Instant.EPOCH.atOffset(ZoneOffset.UTC)))
                .isTrue();
        assertThat(ColumnType.DATE_TIME.accepts(new java.sql.Timestamp(0))).isTrue();
        for (ColumnType type : ColumnType.values()) {
            assertThat(type.accepts(null)).as("%s accepts null", type).isTrue();
        }
    }

    @Test
    void columnsValidateTheirNameAndScale() {
        assertThatThrownBy(() -> Column.text(" ")).hasMessage("column.name: must not be blank");
        assertThatThrownBy(() -> Column.decimal("x", 40))
                .hasMessage("column.scale: must be -1 (as given) or 0-18, was 40");
        assertThat(Column.text("region").label()).isEqualTo("region");
        assertThat(Column.text("region").withLabel("Region").label()).isEqualTo("Region");
    }

    @Test
    void checkRowRejectsAWrongNumberOfValues() {
        assertThatThrownBy(() ->
                        ReportDataException.checkRow(java.util.List.of(Column.text("a")), 4, new Object[] {"x", "y"}))
                .hasMessage("row 4: has 2 values but 1 columns were declared");
    }
}
