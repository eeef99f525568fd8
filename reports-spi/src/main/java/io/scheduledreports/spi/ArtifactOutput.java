package io.scheduledreports.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being written into an {@link ArtifactStore}. Nothing is visible under the key until {@link #commit()}
 * succeeds; {@link #close()} without a commit discards what was written, so a failed generation never leaves
 * a partial file behind as if it were finished.
 */
public abstract class ArtifactOutput extends OutputStream {

    /**
     * Makes the written bytes visible under the key, atomically, and closes the stream.
     *
     * @return the size in bytes of the committed file
     * @throws IOException if the file cannot be made durable
     */
    public abstract long commit() throws IOException;

    /** Discards the bytes unless {@link #commit()} succeeded. Idempotent. */
    @Override
    public abstract void close() throws IOException;
}
