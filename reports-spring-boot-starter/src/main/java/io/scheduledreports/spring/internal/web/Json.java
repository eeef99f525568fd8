package io.scheduledreports.spring.internal.web;

import java.time.Instant;
import java.util.List;

/** Small helpers for the JSON views: instants are written as ISO-8601 UTC strings whatever the mapper's settings. */
final class Json {

    private Json() {}

    static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** ISO-8601 with the offset and always with seconds: {@code 2027-03-08T14:00:00-05:00}. */
    static String local(java.time.OffsetDateTime time) {
        return time == null ? null : java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    static List<String> instants(List<Instant> instants) {
        return instants.stream().map(Instant::toString).toList();
    }
}
