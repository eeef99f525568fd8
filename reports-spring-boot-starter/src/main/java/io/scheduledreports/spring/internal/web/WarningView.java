package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.ScheduleWarning;
import java.util.List;

/**
 * A warning about a schedule; never blocks the request.
 *
 * @param code DST_GAP, DST_OVERLAP, POSSIBLE_DUPLICATE, SHORT_MONTH, SAMPLE_FAILED or SAMPLE_TIMEOUT
 * @param message one sentence naming the date, time or schedule concerned
 * @param field the request field it is about, e.g. {@code schedule.time}
 */
record WarningView(String code, String message, String field) {

    static List<WarningView> of(List<ScheduleWarning> warnings) {
        return warnings.stream()
                .map(w -> new WarningView(w.code().name(), w.message(), w.field()))
                .toList();
    }
}
