package io.scheduledreports.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders rows into a file format such as CSV, XLSX or PDF, streaming: memory stays flat in the number of
 * rows. Implementations are stateless and thread-safe; each {@link #open} returns an independent writer.
 */
public interface OutputFormatter {

    /** Stable id used in schedules' {@code output_format}, e.g. {@code "csv"}. Lower case, no blanks. */
    String id();

    /** Media type of the output, e.g. {@code "text/csv"}. */
    String mediaType();

    /** File name extension without the dot, e.g. {@code "csv"} or {@code "csv.gz"}. */
    String fileExtension();

    /**
     * Opens a writer on {@code out}.
     *
     * @param out where the document is written; not closed by the writer
     * @param options locale, zone, title and format settings
     * @return a writer that accepts the columns, then the rows
     * @throws IOException if the output cannot be started
     */
    FormatWriter open(OutputStream out, FormatOptions options) throws IOException;

    /**
     * The prefix of this formatter's keys in {@link FormatOptions#settings()}, with the dot: {@code "csv."} for
     * the key {@code csv.delimiter}. A schedule's {@code format_options} name the keys without it, in snake case
     * ({@code delimiter}, {@code line_ending} for {@code csv.lineEnding}). The default is {@code id() + "."}.
     */
    default String settingsPrefix() {
        return id() + ".";
    }

    /**
     * Checks per-report settings without writing anything, when a schedule is created or updated, so that a bad
     * option is refused up front rather than failing every run. Keys of other formats are ignored. The default
     * accepts no key with this formatter's {@linkplain #settingsPrefix() prefix}.
     *
     * @param settings the report's settings, full keys such as {@code csv.delimiter}
     * @throws ReportsValidationException naming the first bad key (full key) with the rule and the value
     */
    default void validateSettings(Map<String, String> settings) {
        for (String key : new TreeSet<>(settings.keySet())) {
            if (key.startsWith(settingsPrefix())) {
                throw new ReportsValidationException(key, "unknown setting; format '" + id() + "' takes no settings");
            }
        }
    }
}
