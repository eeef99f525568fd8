package io.scheduledreports.delivery.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request. Header values must not contain line breaks; {@code Host}, {@code Content-Length},
 * {@code Connection} and {@code Transfer-Encoding} are set by {@link OutboundHttp}.
 *
 * @param method the method, e.g. {@code POST}
 * @param uri the absolute URI
 * @param headers further headers, in order
 * @param body the body, or null for none
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, RequestBody body) {
    private static final Set<String> RESERVED =
            Set.of("host", "content-length", "connection", "transfer-encoding", "content-type");

    /** Validates and copies. */
    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("method: must be upper-case letters, was '" + method + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("headers: not a valid header name, was '" + name + "'");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("headers: '" + name + "' is set by the client");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                // the value may be a secret: never echo it
                throw new IllegalArgumentException("headers: value of '" + name + "' contains a line break");
            }
            copy.put(name, value);
        });
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * A POST.
     *
     * @param uri the URI
     * @param body the body
     * @return the request
     */
    public static OutboundRequest post(URI uri, RequestBody body) {
        return new OutboundRequest("POST", uri, Map.of(), Objects.requireNonNull(body, "body"));
    }

    /**
     * A request without a body.
     *
     * @param method e.g. {@code GET} or {@code HEAD}
     * @param uri the URI
     * @return the request
     */
    public static OutboundRequest of(String method, URI uri) {
        return new OutboundRequest(method, uri, Map.of(), null);
    }

    /**
     * This request with one more header.
     *
     * @param name the header name
     * @param value the value
     * @return a new request
     */
    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, Objects.requireNonNull(value, "value"));
        return new OutboundRequest(method, uri, more, body);
    }

    @Override
    public String toString() {
        // headers may carry secrets (Authorization): only their names
        return method + " " + uri + " " + headers.keySet();
    }
}
