package io.scheduledreports.spring.internal.web;

import java.time.Instant;
import java.util.List;

/** Small helpers for the JSON views: instants are written as ISO-8601 UTC strings whatever the mapper's settings. */
final class Json {

    private Json() {}

    static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static List<String> instants(List<Instant> instants) {
        return instants.stream().map(Instant::toString).toList();
    }
}
