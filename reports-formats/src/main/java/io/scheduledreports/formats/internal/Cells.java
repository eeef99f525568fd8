package io.scheduledreports.formats.internal;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportDataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

/** Conversions of checked cell values that every format needs. */
public final class Cells {
    private Cells() {}

    /** The text of a {@code TEXT} value: a char sequence, a character or an enum constant's name. */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value.toString();
    }

    /** A point in time for a {@code DATE_TIME} value that is not a {@link LocalDateTime}. */
    public static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            // java.sql.Date and java.sql.Time throw from toInstant(); Timestamp keeps its nanoseconds.
            case java.sql.Timestamp t -> t.toInstant();
            case Date d -> Instant.ofEpochMilli(d.getTime());
            default -> throw new IllegalArgumentException("not a point in time: " + value.getClass());
        };
    }

    /**
     * A {@code DATE_TIME} value in the report's zone. A {@link LocalDateTime} is already local to the report; in
     * a DST overlap it takes the earlier offset.
     */
    public static ZonedDateTime zoned(Object value, ZoneId zone) {
        if (value instanceof LocalDateTime l) {
            return l.atZone(zone);
        }
        return instant(value).atZone(zone);
    }

    /** The wall-clock time of a {@code DATE_TIME} value in the report's zone. */
    public static LocalDateTime local(Object value, ZoneId zone) {
        if (value instanceof LocalDateTime l) {
            return l;
        }
        return LocalDateTime.ofInstant(instant(value), zone);
    }

    /**
     * An exact decimal for a {@code DECIMAL} or {@code INTEGER} value, rounded half-up to the column's scale.
     *
     * @throws ReportDataException for NaN, infinities and numbers without a decimal form
     */
    public static BigDecimal decimal(Number value, Column column, long row) {
        BigDecimal exact = switch (value) {
            case BigDecimal b -> b;
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case BigInteger b -> new BigDecimal(b);
            case Double d -> finite(d, column, row);
            case Float f -> Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : notFinite(f, column, row);
            default -> parse(value, column, row);
        };
        int scale = column.scale();
        return scale < 0 || exact.scale() == scale ? exact : exact.setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal finite(double d, Column column, long row) {
        // Double.toString's shortest form, without its trailing ".0" (1.0E-10 is 0.0000000001, not ...010).
        return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros() : notFinite(d, column, row);
    }

    private static BigDecimal parse(Number value, Column column, long row) {
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            if (Double.isFinite(value.doubleValue())) {
                return BigDecimal.valueOf(value.doubleValue());
            }
            return notFinite(value, column, row);
        }
    }

    private static BigDecimal notFinite(Object value, Column column, long row) {
        throw new ReportDataException(row, column.name(), "expected a finite number but was " + value);
    }
}
