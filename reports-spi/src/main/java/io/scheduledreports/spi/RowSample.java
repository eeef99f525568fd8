package io.scheduledreports.spi;

import java.util.List;
import java.util.Objects;

/**
 * The first rows of a generated report as display text, for channels that show them in the message itself (an
 * e-mail's inline table). Captured while the report is generated, so the query never runs twice and the file is
 * never read back, whatever its format; each cell is cut at {@value #MAX_CELL_CHARS} characters.
 *
 * @param columns column labels, in order
 * @param rows at most {@value #MAX_ROWS} rows, each with one text per column ({@code ""} for a null)
 */
public record RowSample(List<String> columns, List<List<String>> rows) {

    /** Most rows a sample holds, whatever a channel asks for. */
    public static final int MAX_ROWS = 100;

    /** Longest text of one cell; longer text ends in "…". */
    public static final int MAX_CELL_CHARS = 200;

    private static final RowSample EMPTY = new RowSample(List.of(), List.of());

    /** Validates and copies the sample. */
    public RowSample {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        rows = Objects.requireNonNull(rows, "rows").stream().map(List::copyOf).toList();
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " rows, was " + rows.size());
        }
    }

    /** No columns and no rows: nothing was captured. */
    public static RowSample empty() {
        return EMPTY;
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return columns.isEmpty();
    }
}
