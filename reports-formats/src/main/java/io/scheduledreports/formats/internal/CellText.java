package io.scheduledreports.formats.internal;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportsValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Renders the non-null values of one column as text. Two flavours: {@link #machine} for CSV (plain numbers with
 * a dot, ISO dates, ISO date-times with offset; a column pattern switches to the locale) and {@link #human} for
 * PDF (locale-aware numbers and dates). Instances are not thread-safe (they hold formats); one per writer.
 */
public abstract sealed class CellText {
    protected final Column column;

    private CellText(Column column) {
        this.column = column;
    }

    /** The text of a non-null value that has passed {@code checkRow}. */
    public abstract String text(Object value, long row);

    /** CSV rendering of {@code column}: machine-readable unless the column has a pattern. */
    public static CellText machine(Column column, Locale locale, java.time.ZoneId zone) {
        String pattern = column.pattern();
        return switch (column.type()) {
            case TEXT -> new Text(column);
            case BOOLEAN -> new Bool(column, pattern == null ? "true|false" : pattern);
            case INTEGER, DECIMAL ->
                pattern == null ? new PlainNumber(column) : new FormattedNumber(column, decimalFormat(column, locale));
            case DATE -> pattern == null ? new IsoDates(column) : new Dates(column, dateFormat(column, locale), zone);
            case DATE_TIME ->
                pattern == null ? new IsoDateTimes(column, zone) : new Dates(column, dateFormat(column, locale), zone);
        };
    }

    /** PDF rendering of {@code column}: the column pattern, or the locale's medium date and number styles. */
    public static CellText human(Column column, Locale locale, java.time.ZoneId zone) {
        String pattern = column.pattern();
        return switch (column.type()) {
            case TEXT -> new Text(column);
            case BOOLEAN -> new Bool(column, pattern == null ? "Yes|No" : pattern);
            case INTEGER, DECIMAL -> {
                NumberFormat f;
                if (pattern != null) {
                    f = decimalFormat(column, locale);
                } else {
                    f = NumberFormat.getNumberInstance(locale);
                    f.setRoundingMode(RoundingMode.HALF_UP);
                    if (column.type() == io.scheduledreports.spi.ColumnType.INTEGER) {
                        f.setMaximumFractionDigits(0);
                    } else if (column.scale() >= 0) {
                        f.setMinimumFractionDigits(column.scale());
                        f.setMaximumFractionDigits(column.scale());
                    } else {
                        f.setMaximumFractionDigits(340);
                    }
                }
                yield new FormattedNumber(column, f);
            }
            case DATE ->
                new Dates(
                        column,
                        pattern == null
                                ? DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                                        .withLocale(locale)
                                : dateFormat(column, locale),
                        zone);
            case DATE_TIME ->
                pattern == null
                        ? new PeopleDateTimes(column, locale, zone)
                        : new Dates(column, dateFormat(column, locale), zone);
        };
    }

    /** A {@link DecimalFormat} for the column's pattern in {@code locale}, rounding half-up. */
    public static DecimalFormat decimalFormat(Column column, Locale locale) {
        try {
            DecimalFormat f = new DecimalFormat(column.pattern(), DecimalFormatSymbols.getInstance(locale));
            f.setRoundingMode(RoundingMode.HALF_UP);
            f.setParseBigDecimal(true);
            return f;
        } catch (IllegalArgumentException e) {
            throw badPattern(column, e);
        }
    }

    /** A {@link DateTimeFormatter} for the column's pattern in {@code locale}. */
    public static DateTimeFormatter dateFormat(Column column, Locale locale) {
        try {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(column.pattern(), locale);
            // Fail now, not on row 1: a pattern with time fields cannot format a date.
            if (column.type() == io.scheduledreports.spi.ColumnType.DATE) {
                f.format(LocalDate.EPOCH);
            } else {
                f.format(java.time.ZonedDateTime.ofInstant(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));
            }
            return f;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw badPattern(column, e);
        }
    }

    private static ReportsValidationException badPattern(Column column, Exception e) {
        return new ReportsValidationException(
                "column '" + column.name() + "' pattern",
                "'" + column.pattern() + "' is not a valid " + column.type() + " pattern (" + e.getMessage() + ")",
                e);
    }

    private static final class Text extends CellText {
        Text(Column column) {
            super(column);
        }

        @Override
        public String text(Object value, long row) {
            return Cells.text(value);
        }
    }

    private static final class Bool extends CellText {
        private final String yes;
        private final String no;

        Bool(Column column, String pattern) {
            super(column);
            int bar = pattern.indexOf('|');
            if (bar < 0 || pattern.indexOf('|', bar + 1) >= 0) {
                throw new ReportsValidationException(
                        "column '" + column.name() + "' pattern",
                        "a BOOLEAN pattern is 'true-text|false-text', e.g. 'Yes|No', was '" + pattern + "'");
            }
            this.yes = pattern.substring(0, bar);
            this.no = pattern.substring(bar + 1);
        }

        @Override
        public String text(Object value, long row) {
            return (Boolean) value ? yes : no;
        }
    }

    private static final class PlainNumber extends CellText {
        PlainNumber(Column column) {
            super(column);
        }

        @Override
        public String text(Object value, long row) {
            if (column.scale() < 0) {
                // The common cases without BigDecimal: this runs for every numeric cell of a CSV.
                if (value instanceof Long
                        || value instanceof Integer
                        || value instanceof Short
                        || value instanceof Byte) {
                    return Long.toString(((Number) value).longValue());
                }
            }
            BigDecimal d = Cells.decimal((Number) value, column, row);
            return d.toPlainString();
        }
    }

    private static final class FormattedNumber extends CellText {
        private final NumberFormat format;

        private final boolean ownScale;

        FormattedNumber(Column column, NumberFormat format) {
            super(column);
            this.format = format;
            this.ownScale = column.type() == io.scheduledreports.spi.ColumnType.DECIMAL
                    && column.scale() < 0
                    && column.pattern() == null;
        }

        @Override
        public String text(Object value, long row) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return format.format(((Number) value).longValue());
            }
            BigDecimal d = Cells.decimal((Number) value, column, row);
            if (ownScale) {
                // No declared scale: every value shows all of its own digits (1234.50 stays 1,234.50).
                format.setMinimumFractionDigits(Math.max(0, d.scale()));
            }
            return format.format(d);
        }
    }

    /**
     * The locale's medium date-time, plus the zone's short name where the wall-clock time alone is ambiguous:
     * in the hour that repeats when clocks go back ("02:30:00 CEST", then "02:30:00 CET").
     */
    private static final class PeopleDateTimes extends CellText {
        private final DateTimeFormatter format;
        private final DateTimeFormatter zoneName;
        private final java.time.ZoneId zone;
        private final java.time.zone.ZoneRules rules;

        PeopleDateTimes(Column column, Locale locale, java.time.ZoneId zone) {
            super(column);
            this.format =
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale);
            this.zoneName = DateTimeFormatter.ofPattern("zzz", locale);
            this.zone = zone;
            this.rules = zone.getRules();
        }

        @Override
        public String text(Object value, long row) {
            java.time.ZonedDateTime t = Cells.zoned(value, zone);
            String s = format.format(t);
            if (!rules.isFixedOffset()
                    && rules.getValidOffsets(t.toLocalDateTime()).size() > 1) {
                return s + " " + zoneName.format(t);
            }
            return s;
        }
    }

    /** ISO dates; {@code LocalDate.toString()} is ISO-8601 and several times faster than a formatter. */
    private static final class IsoDates extends CellText {
        IsoDates(Column column) {
            super(column);
        }

        @Override
        public String text(Object value, long row) {
            return value.toString();
        }
    }

    /**
     * ISO-8601 date-times with offset, exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} prints them
     * ({@code 2026-03-29T03:30:00+02:00}, seconds always, a fraction only when there is one, {@code Z} for UTC),
     * built directly: the formatter is the largest single cost of writing a CSV row.
     */
    static final class IsoDateTimes extends CellText {
        private final java.time.ZoneId zone;

        IsoDateTimes(Column column, java.time.ZoneId zone) {
            super(column);
            this.zone = zone;
        }

        @Override
        public String text(Object value, long row) {
            return format(Cells.zoned(value, zone));
        }

        static String format(java.time.ZonedDateTime t) {
            int year = t.getYear();
            if (year < 0 || year > 9999) {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
            }
            StringBuilder sb = new StringBuilder(32);
            digits(sb, year, 4).append('-');
            digits(sb, t.getMonthValue(), 2).append('-');
            digits(sb, t.getDayOfMonth(), 2).append('T');
            digits(sb, t.getHour(), 2).append(':');
            digits(sb, t.getMinute(), 2).append(':');
            digits(sb, t.getSecond(), 2);
            int nano = t.getNano();
            if (nano != 0) {
                int len = 9;
                while (nano % 10 == 0) {
                    nano /= 10;
                    len--;
                }
                digits(sb.append('.'), nano, len);
            }
            return sb.append(t.getOffset().getId()).toString();
        }

        private static StringBuilder digits(StringBuilder sb, int value, int width) {
            String s = Integer.toString(value);
            for (int i = s.length(); i < width; i++) {
                sb.append('0');
            }
            return sb.append(s);
        }
    }

    private static final class Dates extends CellText {
        private final DateTimeFormatter format;
        private final java.time.ZoneId zone;

        Dates(Column column, DateTimeFormatter format, java.time.ZoneId zone) {
            super(column);
            this.format = format;
            this.zone = zone;
        }

        @Override
        public String text(Object value, long row) {
            if (value instanceof LocalDate d) {
                return format.format(d);
            }
            return format.format(Cells.zoned(value, zone));
        }
    }
}
