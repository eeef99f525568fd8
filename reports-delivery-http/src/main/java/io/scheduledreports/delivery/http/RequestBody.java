package io.scheduledreports.delivery.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** The body of an {@link OutboundRequest}: a content type, an exact length and the bytes, written on demand. */
public interface RequestBody {

    /** The {@code Content-Type}, e.g. {@code application/json}. */
    String contentType();

    /** The exact number of bytes {@link #writeTo(OutputStream)} writes. */
    long length();

    /**
     * Writes the bytes; may be called once per attempt.
     *
     * @param out where to write
     * @throws IOException when writing or reading the source fails
     */
    void writeTo(OutputStream out) throws IOException;

    /** Opens a fresh stream of content; for {@link #ofStream}. */
    @FunctionalInterface
    interface Source {
        /**
         * Opens the content.
         *
         * @return a new stream positioned at the start
         * @throws IOException when it cannot be opened
         */
        InputStream open() throws IOException;
    }

    /**
     * A body of bytes (not copied).
     *
     * @param contentType the content type
     * @param bytes the bytes
     * @return the body
     */
    static RequestBody ofBytes(String contentType, byte[] bytes) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
        return new RequestBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }

    /**
     * A UTF-8 text body.
     *
     * @param contentType the content type (a charset parameter is the caller's business)
     * @param text the text
     * @return the body
     */
    static RequestBody ofString(String contentType, String text) {
        return ofBytes(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A body streamed from a source of known length (a report file): never held in memory.
     *
     * @param contentType the content type
     * @param length the exact length; a source with other length fails the request
     * @param source opens the content
     * @return the body
     */
    static RequestBody ofStream(String contentType, long length, Source source) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(source, "source");
        if (length < 0) {
            throw new IllegalArgumentException("length: must be >= 0, was " + length);
        }
        return new RequestBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long length() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = source.open()) {
                    long copied = in.transferTo(out);
                    if (copied != length) {
                        throw new IOException("body source gave " + copied + " bytes, declared " + length);
                    }
                }
            }
        };
    }

    /**
     * Several bodies one after the other, under one content type (how {@link Multipart} assembles parts).
     *
     * @param contentType the content type of the whole
     * @param parts the parts
     * @return the body
     */
    static RequestBody concat(String contentType, List<RequestBody> parts) {
        List<RequestBody> copy = List.copyOf(parts);
        long total = copy.stream().mapToLong(RequestBody::length).sum();
        return new RequestBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long length() {
                return total;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                for (RequestBody part : copy) {
                    part.writeTo(out);
                }
            }
        };
    }
}
