package io.scheduledreports.benchmarks.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns: numbers right, text left. */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column titles. */
    public TextTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row; values are shown with {@link String#valueOf(Object)}. */
    public TextTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException(
                    "row of " + values.length + " values for " + header.size() + " columns " + header);
        }
        rows.add(Arrays.stream(values).map(String::valueOf).toList());
        return this;
    }

    /** Prints the table. */
    public void print(PrintStream out) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        out.println(line(header, width, false));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (List<String> r : rows) {
            out.println(line(r, width, true));
        }
    }

    private static String line(List<String> cells, int[] width, boolean alignNumbers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean right = alignNumbers && c.matches("[-+]?[0-9.,]+( ?[a-z%/×x]+)?");
            String pad = " ".repeat(width[i] - c.length());
            sb.append(i == 0 ? "" : " | ").append(right ? pad + c : c + pad);
        }
        return sb.toString().stripTrailing();
    }
}
