package io.scheduledreports.spi;

import java.util.List;

/**
 * A value written to a {@link RowSink} does not fit its column. Category {@link ErrorCategory#DATA}: retrying
 * the same data cannot help.
 */
public class ReportDataException extends ReportsException {
    private static final long serialVersionUID = 1L;

    private final long row;
    private final String column;

    /**
     * Creates the exception.
     *
     * @param row 1-based number of the data row (the header is not counted); 0 when not about a row
     * @param column the column name, or null when the problem is the row as a whole
     * @param problem what is wrong and the value seen
     */
    public ReportDataException(long row, String column, String problem) {
        super(ErrorCategory.DATA, describe(row, column, problem));
        this.row = row;
        this.column = column;
    }

    private static String describe(long row, String column, String problem) {
        StringBuilder where = new StringBuilder();
        if (row > 0) {
            where.append("row ").append(row);
        }
        if (column != null) {
            where.append(where.isEmpty() ? "" : ", ")
                    .append("column '")
                    .append(column)
                    .append('\'');
        }
        return where.isEmpty() ? problem : where + ": " + problem;
    }

    /** 1-based data row number, or 0. */
    public long row() {
        return row;
    }

    /** Column name, or null. */
    public String column() {
        return column;
    }

    /**
     * Checks that {@code values} fit {@code columns}, as every sink must before writing a row.
     *
     * @param columns the declared columns
     * @param rowNumber 1-based data row number, for the message
     * @param values the row
     * @throws ReportDataException naming the row and the first offending column
     */
    public static void checkRow(List<Column> columns, long rowNumber, Object[] values) {
        if (values == null) {
            throw new ReportDataException(rowNumber, null, "row must not be null; use null cells instead");
        }
        if (values.length != columns.size()) {
            throw new ReportDataException(
                    rowNumber,
                    null,
                    "has " + values.length + " values but " + columns.size() + " columns were declared");
        }
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            Object v = values[i];
            if (!c.type().accepts(v)) {
                String shown = String.valueOf(v);
                if (shown.length() > 40) {
                    shown = shown.substring(0, 40) + "...";
                }
                throw new ReportDataException(
                        rowNumber,
                        c.name(),
                        "expected " + c.type() + " but was " + v.getClass().getSimpleName() + " '" + shown + "'");
            }
        }
    }
}
