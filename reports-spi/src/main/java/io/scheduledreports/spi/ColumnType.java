package io.scheduledreports.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** The type of a report column; formatters render each as a real typed cell. */
public enum ColumnType {
    /** Text: any {@link CharSequence}, a {@link Character} or an {@link Enum} (its name). */
    TEXT,
    /** Whole numbers: {@link Byte}, {@link Short}, {@link Integer}, {@link Long} or {@link BigInteger}. */
    INTEGER,
    /** Decimal numbers: any {@link Number}; rendered with the column's scale or pattern. */
    DECIMAL,
    /** {@link Boolean}. */
    BOOLEAN,
    /** A calendar date: {@link LocalDate}. */
    DATE,
    /**
     * A point in time: {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime}, {@link java.util.Date}
     * (including {@code java.sql.Timestamp}), rendered in the report's time zone; or a {@link LocalDateTime},
     * taken as already local to the report.
     */
    DATE_TIME;

    /**
     * Whether {@code value} is a valid value for a cell of this type. {@code null} is valid for every type.
     *
     * @param value a cell value
     * @return true when a formatter can render the value as this type
     */
    public boolean accepts(Object value) {
        if (value == null) {
            return true;
        }
        return switch (this) {
            case TEXT -> value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>;
            case INTEGER ->
                value instanceof Integer
                        || value instanceof Long
                        || value instanceof Short
                        || value instanceof Byte
                        || value instanceof BigInteger;
            case DECIMAL -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case DATE -> value instanceof LocalDate;
            case DATE_TIME ->
                value instanceof Instant
                        || value instanceof OffsetDateTime
                        || value instanceof ZonedDateTime
                        || value instanceof LocalDateTime
                        || value instanceof java.util.Date;
        };
    }

    /**
     * Returns a Java type that is typical for this column type, for documentation and error messages.
     *
     * @return the canonical Java type of this column type
     */
    public Class<?> canonicalJavaType() {
        return switch (this) {
            case TEXT -> String.class;
            case INTEGER -> Long.class;
            case DECIMAL -> BigDecimal.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> LocalDate.class;
            case DATE_TIME -> Instant.class;
        };
    }
}
