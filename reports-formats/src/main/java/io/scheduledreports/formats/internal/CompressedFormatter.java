package io.scheduledreports.formats.internal;

import io.scheduledreports.formats.Compression;
import io.scheduledreports.formats.MeteredFormatWriter;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Any formatter's output, gzipped or as the single entry of a zip archive. */
public final class CompressedFormatter implements OutputFormatter {
    private static final int BUFFER = 64 * 1024;

    private final OutputFormatter inner;
    private final Compression compression;

    public CompressedFormatter(OutputFormatter inner, Compression compression) {
        this.inner = Objects.requireNonNull(inner, "formatter");
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    @Override
    public String id() {
        return inner.id() + "." + compression.suffix();
    }

    @Override
    public String mediaType() {
        return compression.mediaType();
    }

    @Override
    public String fileExtension() {
        return compression == Compression.GZIP ? inner.fileExtension() + ".gz" : "zip";
    }

    /** The inner formatter's prefix: a {@code csv.gz} schedule takes the {@code csv} options. */
    @Override
    public String settingsPrefix() {
        return inner.settingsPrefix();
    }

    @Override
    public void validateSettings(java.util.Map<String, String> settings) {
        inner.validateSettings(settings);
    }

    @Override
    public MeteredFormatWriter open(OutputStream out, FormatOptions options) throws IOException {
        CountingOutputStream counting = new CountingOutputStream(out);
        DeflaterOutputStream packed;
        if (compression == Compression.GZIP) {
            packed = new GZIPOutputStream(counting, BUFFER);
        } else {
            ZipOutputStream zip = new ZipOutputStream(counting);
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            zip.putNextEntry(new ZipEntry(entryName(options.title())));
            packed = zip;
        }
        // The inner writer must not close the compressing stream: this writer finishes it.
        FormatWriter writer = inner.open(new CountingOutputStream(packed), options);
        return new Writer(writer, packed, counting);
    }

    /** The file name inside the zip: the title made safe for file systems, or "report". */
    String entryName(String title) {
        String base = title.strip().replaceAll("[^\\p{L}\\p{N} ._()-]+", "_").replaceAll("^[. ]+|[. ]+$", "");
        if (base.isEmpty()) {
            base = "report";
        }
        if (base.length() > 100) {
            base = base.substring(0, 100).strip();
        }
        return base + "." + inner.fileExtension();
    }

    @Override
    public String toString() {
        return "CompressedFormatter[" + inner + ", " + compression + "]";
    }

    private static final class Writer implements MeteredFormatWriter {
        private final FormatWriter inner;
        private final DeflaterOutputStream packed;
        private final CountingOutputStream counting;
        private boolean closed;

        Writer(FormatWriter inner, DeflaterOutputStream packed, CountingOutputStream counting) {
            this.inner = inner;
            this.packed = packed;
            this.counting = counting;
        }

        @Override
        public void columns(List<Column> columns) throws IOException {
            inner.columns(columns);
        }

        @Override
        public void row(Object... values) throws IOException {
            inner.row(values);
        }

        @Override
        public void row(List<?> values) throws IOException {
            inner.row(values);
        }

        @Override
        public long rowCount() {
            return inner.rowCount();
        }

        @Override
        public long bytesWritten() {
            return counting.count();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                inner.close();
                if (packed instanceof ZipOutputStream zip) {
                    zip.closeEntry();
                }
            } finally {
                // Writes the gzip trailer or zip directory and frees the native deflater; "counting" keeps the
                // caller's stream open.
                packed.close();
            }
        }
    }
}
