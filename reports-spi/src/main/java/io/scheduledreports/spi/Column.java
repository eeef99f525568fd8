package io.scheduledreports.spi;

import java.util.Objects;

/**
 * One column of a report: a stable name (used as the CSV header and in data files), a human label (used in
 * PDF and XLSX headers), a {@link ColumnType}, and optional rendering hints.
 *
 * @param name machine name, unique within a report, not blank
 * @param label header text shown to people; defaults to {@code name}
 * @param type the type every value of this column must have
 * @param pattern optional number or date pattern ({@link java.text.DecimalFormat} /
 *     {@link java.time.format.DateTimeFormatter} syntax); null means the formatter's locale default
 * @param scale digits after the decimal point for {@link ColumnType#DECIMAL}; -1 means as given
 */
public record Column(String name, String label, ColumnType type, String pattern, int scale) {

    /** Validates the column. */
    public Column {
        if (name == null || name.isBlank()) {
            throw new ReportsValidationException("column.name", "must not be blank");
        }
        Objects.requireNonNull(type, () -> "column '" + name + "': type must not be null");
        if (label == null || label.isBlank()) {
            label = name;
        }
        if (scale < -1 || scale > 18) {
            throw new ReportsValidationException("column.scale", "must be -1 (as given) or 0-18, was " + scale);
        }
    }

    /** A column of the given type with no rendering hints. */
    public static Column of(String name, ColumnType type) {
        return new Column(name, name, type, null, -1);
    }

    /** A text column. */
    public static Column text(String name) {
        return of(name, ColumnType.TEXT);
    }

    /** A whole-number column. */
    public static Column integer(String name) {
        return of(name, ColumnType.INTEGER);
    }

    /** A decimal column rendered with {@code scale} digits after the point. */
    public static Column decimal(String name, int scale) {
        return new Column(name, name, ColumnType.DECIMAL, null, scale);
    }

    /** A boolean column. */
    public static Column bool(String name) {
        return of(name, ColumnType.BOOLEAN);
    }

    /** A date column. */
    public static Column date(String name) {
        return of(name, ColumnType.DATE);
    }

    /** A date-time column, rendered in the report's time zone. */
    public static Column dateTime(String name) {
        return of(name, ColumnType.DATE_TIME);
    }

    /** This column with another header label. */
    public Column withLabel(String newLabel) {
        return new Column(name, newLabel, type, pattern, scale);
    }

    /** This column with a number or date pattern. */
    public Column withPattern(String newPattern) {
        return new Column(name, label, type, newPattern, scale);
    }
}
