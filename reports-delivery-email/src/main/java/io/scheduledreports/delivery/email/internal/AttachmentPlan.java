package io.scheduledreports.delivery.email.internal;

import jakarta.activation.DataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** What goes into the message for the report file: the file, a link to it, or nothing (refused). */
public sealed interface AttachmentPlan extends AutoCloseable {

    /** Releases temporary files. */
    @Override
    default void close() {}

    /**
     * Attach the file.
     *
     * @param source the bytes
     * @param fileName name offered to the recipient
     * @param size attached size in bytes
     * @param originalSize the report's own size
     * @param zipped whether the attachment is the zip-compressed report
     * @param tempFile the zip to delete afterwards, or null
     */
    record Attach(DataSource source, String fileName, long size, long originalSize, boolean zipped, Path tempFile)
            implements AttachmentPlan {
        @Override
        public void close() {
            if (tempFile != null) {
                try {
                    Files.deleteIfExists(tempFile);
                } catch (IOException e) {
                    // Never turn a sent message into a failure over a temporary file.
                    tempFile.toFile().deleteOnExit();
                }
            }
        }
    }

    /**
     * Link the file: it is over the limit.
     *
     * @param uri the signed download link
     * @param size the report's size
     * @param limit the attachment limit
     * @param compressionTried whether it was over the limit even zip-compressed
     */
    record Link(URI uri, long size, long limit, boolean compressionTried) implements AttachmentPlan {}

    /**
     * Neither attach nor link: over the limit and no link available.
     *
     * @param message what to do about it
     */
    record Refuse(String message) implements AttachmentPlan {}

    /** Neither attach nor link, by choice: the schedule sends its inline rows alone ({@code attach: false}). */
    record None() implements AttachmentPlan {}

    /** The plan of a message without the file. */
    static AttachmentPlan none() {
        return new None();
    }
}
