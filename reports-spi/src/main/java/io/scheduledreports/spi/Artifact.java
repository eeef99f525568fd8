package io.scheduledreports.spi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * A generated report file as a channel sees it: a name, a media type, a size and its bytes on demand, and a
 * signed, expiring download link whenever the engine can offer one (download links configured). The channel
 * decides whether to attach the file or send the link (e-mail links above its attachment limit).
 */
public interface Artifact {

    /** File name offered to the recipient, e.g. {@code weekly-sales-2026-02-16.pdf}. */
    String fileName();

    /** Media type, e.g. {@code application/pdf}. */
    String mediaType();

    /** Size in bytes. */
    long size();

    /** Hex SHA-256 of the bytes. */
    String sha256();

    /**
     * Opens the bytes for reading. Each call returns a new stream positioned at the start.
     *
     * @throws IOException if the store cannot be read
     */
    InputStream open() throws IOException;

    /** A signed download link, present whenever the engine can offer one; empty when links are not configured. */
    Optional<URI> downloadLink();
}
