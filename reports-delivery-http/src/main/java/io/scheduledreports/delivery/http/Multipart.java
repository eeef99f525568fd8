package io.scheduledreports.delivery.http;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Builds a {@code multipart/form-data} body (RFC 7578) whose file parts stream from their source. */
public final class Multipart {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<RequestBody> parts = new ArrayList<>();

    private Multipart(String boundary) {
        this.boundary = boundary;
    }

    /** A new body with a random boundary. */
    public static Multipart builder() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new Multipart("----scheduled-reports-" + HexFormat.of().formatHex(b));
    }

    /**
     * Adds a part.
     *
     * @param name the form field name
     * @param fileName the file name, or null for a plain field
     * @param body the content (its content type becomes the part's)
     * @return this builder
     */
    public Multipart part(String name, String fileName, RequestBody body) {
        Objects.requireNonNull(body, "body");
        StringBuilder head = new StringBuilder("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(quote(name))
                .append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(quote(fileName)).append('"');
        }
        head.append("\r\nContent-Type: ").append(body.contentType()).append("\r\n\r\n");
        parts.add(RequestBody.ofString("text/plain", head.toString()));
        parts.add(body);
        parts.add(RequestBody.ofString("text/plain", "\r\n"));
        return this;
    }

    /** The body; its content type carries the boundary. */
    public RequestBody build() {
        List<RequestBody> all = new ArrayList<>(parts);
        all.add(RequestBody.ofString("text/plain", "--" + boundary + "--\r\n"));
        return RequestBody.concat("multipart/form-data; boundary=" + boundary, all);
    }

    private static String quote(String value) {
        Objects.requireNonNull(value, "name");
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            // RFC 7578 §4.2: percent-encode the quote and line breaks; the rest as UTF-8
            switch (c) {
                case '"' -> sb.append("%22");
                case '\r' -> sb.append("%0D");
                case '\n' -> sb.append("%0A");
                default -> sb.append(c);
            }
        }
        return new String(sb.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
