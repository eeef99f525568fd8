package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.spi.Artifact;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Decides between attaching and linking. A report at most {@code limit} bytes is attached; with compression
 * on, the zip is built first (into a temporary file, given up as soon as it outgrows the limit) and its size
 * decides. Over the limit the report's signed download link is used, and without one the delivery is refused.
 */
public final class AttachmentPlanner {

    /** Media type of the zipped attachment. */
    public static final String ZIP_MEDIA_TYPE = "application/zip";

    private static final Set<String> COMPRESSED_TYPES = Set.of(
            "application/zip",
            "application/gzip",
            "application/x-gzip",
            "application/x-7z-compressed",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final Set<String> COMPRESSED_EXTENSIONS = Set.of(".zip", ".gz", ".tgz", ".7z", ".xlsx");

    private final long limit;
    private final boolean compress;

    /**
     * @param limit largest attachment in bytes; 0 always links
     * @param compress whether to zip before comparing with the limit
     */
    public AttachmentPlanner(long limit, boolean compress) {
        this.limit = limit;
        this.compress = compress;
    }

    /**
     * Plans the attachment of one artifact.
     *
     * @param artifact the report file
     * @param entryTime modification time written into the zip entry (the scheduled instant, so retries build
     *     the same bytes)
     * @return the plan; close it when the message has been sent
     * @throws ArtifactReadException if the file cannot be read or the zip cannot be written
     */
    public AttachmentPlan plan(Artifact artifact, Instant entryTime) throws ArtifactReadException {
        String fileName = safeFileName(artifact.fileName());
        long size = artifact.size();
        boolean zip = compress && !isCompressed(artifact) && limit > 0;
        if (zip) {
            Optional<Path> zipped = zipWithinLimit(artifact, fileName, entryTime);
            if (zipped.isPresent()) {
                Path file = zipped.get();
                long zippedSize = sizeOf(file);
                String name = fileName + ".zip";
                return new AttachmentPlan.Attach(
                        new TempFileDataSource(file, ZIP_MEDIA_TYPE, name), name, zippedSize, size, true, file);
            }
        } else if (limit > 0 && size <= limit) {
            return new AttachmentPlan.Attach(
                    new ArtifactDataSource(artifact, mediaType(artifact), fileName), fileName, size, size, false, null);
        }
        Optional<URI> link = artifact.downloadLink();
        if (link.isPresent()) {
            return new AttachmentPlan.Link(link.get(), size, limit, zip);
        }
        return new AttachmentPlan.Refuse("report file " + Quoted.of(fileName) + " is " + ByteSizes.format(size)
                + (zip ? " (over the limit even zip-compressed)" : "") + ", larger than the "
                + ByteSizes.format(limit) + " e-mail attachment limit (email.max-attachment-size), and no download"
                + " link is available; configure a download base URL so large reports are sent as links, or raise"
                + " the limit");
    }

    /** The file name without control characters or path separators; {@code report} when nothing is left. */
    static String safeFileName(String name) {
        StringBuilder out = new StringBuilder();
        if (name != null) {
            name.codePoints().forEach(cp -> {
                if (Quoted.isControl(cp)) {
                    return;
                }
                out.appendCodePoint(cp == '/' || cp == '\\' ? '_' : cp);
            });
        }
        String safe = out.toString().strip();
        return safe.isEmpty() ? "report" : safe;
    }

    private static String mediaType(Artifact artifact) {
        String type = artifact.mediaType();
        return type == null || type.isBlank() || Quoted.hasControlCharacters(type) ? "application/octet-stream" : type;
    }

    private static boolean isCompressed(Artifact artifact) {
        String type = artifact.mediaType() == null ? "" : artifact.mediaType().toLowerCase(Locale.ROOT);
        String name = artifact.fileName() == null ? "" : artifact.fileName().toLowerCase(Locale.ROOT);
        return COMPRESSED_TYPES.contains(type) || COMPRESSED_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private Optional<Path> zipWithinLimit(Artifact artifact, String entryName, Instant entryTime)
            throws ArtifactReadException {
        Path file;
        try {
            file = Files.createTempFile("scheduled-reports-", ".zip");
        } catch (IOException e) {
            throw new ArtifactReadException("cannot create a temporary file to compress the report", e);
        }
        boolean keep = false;
        OutputStream fileOut = null;
        ZipOutputStream zip = null;
        try {
            fileOut = Files.newOutputStream(file);
            zip = new ZipOutputStream(new Limited(fileOut, limit));
            try (InputStream in = new ArtifactDataSource(artifact, "", entryName).getInputStream()) {
                ZipEntry entry = new ZipEntry(entryName);
                entry.setTime(entryTime.toEpochMilli());
                zip.putNextEntry(entry);
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.close();
            zip = null;
            keep = true;
        } catch (LimitExceeded e) {
            // over the limit even compressed: link instead
        } catch (ArtifactReadException e) {
            throw e;
        } catch (IOException e) {
            throw new ArtifactReadException("cannot compress report file '" + entryName + "'", e);
        } finally {
            closeQuietly(zip); // after LimitExceeded this fails again; the file stream is closed below
            closeQuietly(fileOut);
            if (!keep) {
                deleteQuietly(file);
            }
        }
        return keep ? Optional.of(file) : Optional.empty();
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // nothing more to do with a half-written temporary file
            }
        }
    }

    private static long sizeOf(Path file) throws ArtifactReadException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ArtifactReadException("cannot read compressed report size", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the OS cleans up eventually
        }
    }

    /** Thrown by {@link Limited} once more than the limit was written. */
    private static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super("limit exceeded");
        }
    }

    /** Counts bytes and stops at the limit, so an incompressible large file is not zipped to the end. */
    private static final class Limited extends OutputStream {
        private final OutputStream out;
        private final long limit;
        private long written;

        Limited(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int n) throws IOException {
            written += n;
            if (written > limit) {
                throw new LimitExceeded();
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
