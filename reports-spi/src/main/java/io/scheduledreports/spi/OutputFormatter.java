package io.scheduledreports.spi;

import java.io.IOException;
import java.io.OutputStream;

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
}
