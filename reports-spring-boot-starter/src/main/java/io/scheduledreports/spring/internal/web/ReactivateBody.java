package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of a re-activation.
 *
 * @param consentConfirmed true when the person asked to get the reports again (needed after an unsubscribe)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ReactivateBody(
        Boolean consentConfirmed, @JsonAnySetter Map<String, Object> unknown) {

    static final Set<String> FIELDS = Set.of("consent_confirmed");

    boolean consent() {
        UnknownFields.refuse(unknown, FIELDS, "");
        return Boolean.TRUE.equals(consentConfirmed);
    }
}
