package io.scheduledreports.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * A {@link RowSink} opened by an {@link OutputFormatter} on an output stream. {@link #close()} finishes the
 * document (trailer, zip directory, last page) and flushes, but does not close the underlying stream: the
 * caller who opened the stream closes it.
 */
public interface FormatWriter extends RowSink, Closeable {

    /** Number of data rows written so far (the header is not counted). */
    long rowCount();

    /**
     * Finishes the document and flushes it to the underlying stream. Calling it twice has no further effect.
     *
     * @throws IOException if the underlying output fails
     */
    @Override
    void close() throws IOException;
}
