package io.scheduledreports.core;

import java.io.IOException;
import java.io.InputStream;

/**
 * An execution's file opened for reading. Close it.
 *
 * @param fileName file name to offer
 * @param mediaType media type
 * @param size bytes
 * @param sha256 hex SHA-256
 * @param stream the bytes
 */
public record ArtifactDownload(String fileName, String mediaType, long size, String sha256, InputStream stream)
        implements AutoCloseable {

    /** Closes the stream. */
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
