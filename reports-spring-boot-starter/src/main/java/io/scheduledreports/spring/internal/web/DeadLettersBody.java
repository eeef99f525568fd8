package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Dead letters a client wants to retry or resolve.
 *
 * @param ids dead letter ids, 1 to {@value #MAX_IDS}
 * @param note why they are resolved (resolve only)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DeadLettersBody(
        List<String> ids, String note, @JsonAnySetter Map<String, Object> unknown) {

    /** The JSON fields of this body. */
    static final Set<String> FIELDS = Set.of("ids", "note");

    /** The most ids one request may carry. */
    static final int MAX_IDS = 1000;

    /** The ids without repeats; refuses a missing or empty list, blank ids and more than {@value #MAX_IDS}. */
    Set<String> validIds() {
        UnknownFields.refuse(unknown, FIELDS, "");
        if (ids == null || ids.isEmpty()) {
            throw new ReportsValidationException(
                    "ids", "must list at least one dead letter id, e.g. {\"ids\": [\"<id from GET dead-letters>\"]}");
        }
        if (ids.size() > MAX_IDS) {
            throw new ReportsValidationException(
                    "ids", "must list at most " + MAX_IDS + " ids per request, was " + ids.size() + "; send several");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                throw new ReportsValidationException("ids[" + i + "]", "must be a dead letter id, was " + quoted(id));
            }
            unique.add(id.strip());
        }
        return unique;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
