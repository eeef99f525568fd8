package io.scheduledreports.formats;

import io.scheduledreports.spi.FormatWriter;

/**
 * A {@link FormatWriter} that also tells how many bytes it has written. Every writer opened by a formatter of
 * this package is one, including the {@linkplain Formatters#compressed compressed} wrappers.
 */
public interface MeteredFormatWriter extends FormatWriter {

    /**
     * Bytes handed to the output stream so far. Writers buffer, so the number grows in steps while rows are
     * written; after {@link #close()} it is the exact size of the document (for a compressed wrapper: of the
     * compressed file).
     *
     * @return the number of bytes written to the underlying stream
     */
    long bytesWritten();
}
