package io.scheduledreports.spi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where generated files live: a local directory by default, object storage in a plug-in. Keys are relative
 * paths made of {@code [A-Za-z0-9._-]} segments separated by {@code /}; implementations must refuse any key
 * that could escape their root. Implementations are thread-safe.
 */
public interface ArtifactStore {

    /**
     * Starts writing a file under {@code key}. An existing file under the key is replaced on commit.
     *
     * @param key relative key
     * @return a stream to write; commit it, or close it to discard
     * @throws IOException if the store cannot accept writes
     * @throws IllegalArgumentException if the key is malformed or escapes the store
     */
    ArtifactOutput create(String key) throws IOException;

    /**
     * Opens a committed file.
     *
     * @param key relative key
     * @return the bytes, from the start
     * @throws java.io.FileNotFoundException or {@link java.nio.file.NoSuchFileException} when absent
     * @throws IOException if the store cannot be read
     */
    InputStream open(String key) throws IOException;

    /**
     * Deletes a file.
     *
     * @param key relative key
     * @return whether a file was deleted
     * @throws IOException if the store cannot be written
     */
    boolean delete(String key) throws IOException;

    /** Whether a committed file exists under {@code key}. */
    boolean exists(String key) throws IOException;

    /**
     * Removes partial writes that were started before {@code olderThan} and never committed or discarded: what a
     * process killed in the middle of a generation leaves behind (temporary files of a local directory, incomplete
     * multipart uploads of object storage). The engine calls it at start-up and from its maintenance task with
     * {@code olderThan} = now minus the longest generation timeout and a margin, so no live write is touched.
     *
     * @param olderThan partial writes last touched before this instant are removed
     * @return how many were removed
     * @throws IOException if the store cannot be listed or written
     */
    default int sweepIncomplete(java.time.Instant olderThan) throws IOException {
        return 0;
    }

    /**
     * Bytes still free for new files, for the disk guard; empty when the store cannot tell (remote storage).
     */
    default OptionalLong usableSpace() {
        return OptionalLong.empty();
    }

    /**
     * A URL from which the committed file can be downloaded straight from the storage service, without going
     * through the host, for {@code validity}; the engine then puts it in e-mails instead of its own signed link.
     * The engine passes the earlier of its link validity and the file's retention end. Empty (the default) when
     * the store does not offer such URLs, is not configured to, or cannot sign for that long; the engine then
     * uses its own link.
     *
     * @param key relative key of a committed file
     * @param fileName the name to offer the downloader, e.g. {@code weekly-sales-2026-02-16.pdf}
     * @param validity how long the URL must work; positive
     * @return the URL, or empty
     */
    default Optional<URI> presignedUrl(String key, String fileName, Duration validity) {
        return Optional.empty();
    }
}
