package io.scheduledreports.formats.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Counts the bytes passed to the caller's stream and shields it from {@link #close()}: writers never close a
 * stream they did not open, but the libraries underneath (FastCSV, OpenPDF) close whatever they are given.
 */
public final class CountingOutputStream extends OutputStream {
    private final OutputStream out;
    private long count;

    public CountingOutputStream(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Bytes written through this stream so far. */
    public long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes, but leaves the caller's stream open. */
    @Override
    public void close() throws IOException {
        out.flush();
    }
}
