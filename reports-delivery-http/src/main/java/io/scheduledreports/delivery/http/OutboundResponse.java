package io.scheduledreports.delivery.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A response: status, headers (names in lower case) and the body up to the client's cap.
 *
 * @param status the status code
 * @param headers the headers, names in lower case
 * @param body the body's first bytes, at most the cap
 * @param truncated whether the body was longer than the cap
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {

    /** Copies. */
    public OutboundResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** The body's bytes (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The first value of a header.
     *
     * @param name the name, any case
     * @return the value
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body as UTF-8 text, with "..." when truncated. */
    public String bodyText() {
        String text = new String(body, StandardCharsets.UTF_8);
        return truncated ? text + "..." : text;
    }

    /** The first {@code max} characters of the body on one line, for error messages. */
    public String bodyExcerpt(int max) {
        String text = bodyText().replaceAll("\\s+", " ").strip();
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The {@code Retry-After} header as a delay from {@code now}: seconds or an HTTP date; empty when absent or
     * unreadable; never negative.
     *
     * @param now the current time, for the date form
     * @return the delay
     */
    public Optional<Duration> retryAfter(Instant now) {
        return header("retry-after").flatMap(v -> parseRetryAfter(v, now));
    }

    /**
     * Parses a {@code Retry-After} value.
     *
     * @param value seconds or an IMF-fixdate
     * @param now the current time
     * @return the delay, empty when unreadable
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "OutboundResponse[" + status + ", " + body.length + " bytes" + (truncated ? ", truncated" : "") + "]";
    }
}
