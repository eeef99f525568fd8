package io.scheduledreports.formats.internal;

/** Excel's rules for sheet names and the conversion of Java date patterns to Excel number formats. */
public final class ExcelNames {
    /** Longest sheet name Excel accepts. */
    public static final int MAX_SHEET_NAME = 31;

    private ExcelNames() {}

    /**
     * A valid sheet name from a report title: no {@code [ ] : * ? / \}, no leading or trailing apostrophe, at
     * most 31 characters, not blank, not the reserved "History". Sheets after the first get " (n)".
     *
     * @param title the report title, may be blank
     * @param sheetNumber 1 for the first sheet
     */
    public static String sheetName(String title, int sheetNumber) {
        StringBuilder sb = new StringBuilder();
        title.codePoints()
                .filter(cp -> !Character.isISOControl(cp))
                .forEach(cp -> sb.appendCodePoint("[]:*?/\\".indexOf(cp) >= 0 ? '-' : cp));
        String name = sb.toString().strip();
        while (name.startsWith("'")) {
            name = name.substring(1).strip();
        }
        while (name.endsWith("'")) {
            name = name.substring(0, name.length() - 1).strip();
        }
        if (name.isEmpty()) {
            name = "Report";
        }
        if (name.equalsIgnoreCase("History")) {
            name = name + " 1";
        }
        String suffix = sheetNumber == 1 ? "" : " (" + sheetNumber + ")";
        int max = MAX_SHEET_NAME - suffix.length();
        if (name.length() > max) {
            int cut = max;
            if (Character.isLowSurrogate(name.charAt(cut))) {
                cut--;
            }
            name = name.substring(0, cut).strip();
        }
        return name + suffix;
    }

    /**
     * The Excel number format for a {@link java.time.format.DateTimeFormatter} pattern, or null when the pattern
     * uses a field Excel cannot show (zones, offsets, week fields, eras...).
     */
    public static String excelDateFormat(String javaPattern) {
        StringBuilder out = new StringBuilder();
        boolean ampm = javaPattern.indexOf('a') >= 0;
        int i = 0;
        int n = javaPattern.length();
        while (i < n) {
            char ch = javaPattern.charAt(i);
            if (ch == '\'') {
                int end = javaPattern.indexOf('\'', i + 1);
                if (end < 0) {
                    return null;
                }
                String literal = end == i + 1 ? "'" : javaPattern.substring(i + 1, end);
                out.append('"').append(literal.replace("\"", "")).append('"');
                i = end + 1;
                continue;
            }
            int run = 1;
            while (i + run < n && javaPattern.charAt(i + run) == ch) {
                run++;
            }
            i += run;
            if (Character.isLetter(ch)) {
                String part = switch (ch) {
                    case 'y', 'u' -> run == 2 ? "yy" : "yyyy";
                    case 'M', 'L' -> "m".repeat(Math.min(run, 4));
                    case 'd' -> "d".repeat(Math.min(run, 2));
                    case 'E' -> run <= 3 ? "ddd" : "dddd";
                    case 'H', 'h' -> "h".repeat(Math.min(run, 2));
                    case 'm' -> "m".repeat(Math.min(run, 2));
                    case 's' -> "s".repeat(Math.min(run, 2));
                    case 'S' -> "0".repeat(Math.min(run, 3));
                    case 'a' -> "AM/PM";
                    default -> null;
                };
                if (part == null) {
                    return null;
                }
                if ((ch == 'H') && ampm) {
                    return null;
                }
                out.append(part);
            } else {
                for (int k = 0; k < run; k++) {
                    if (" -/:.,()".indexOf(ch) >= 0) {
                        out.append(ch);
                    } else if (ch == '"') {
                        out.append("\\\"");
                    } else {
                        out.append('\\').append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Excel's letters for a zero-based column index: 0 is {@code A}, 25 {@code Z}, 26 {@code AA}. */
    public static String columnLetters(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("column index must be >= 0, was " + index);
        }
        StringBuilder letters = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            letters.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return letters.toString();
    }
}
