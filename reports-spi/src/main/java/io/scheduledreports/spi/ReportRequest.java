package io.scheduledreports.spi;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link ReportType} needs to generate one execution.
 *
 * @param executionId id of the execution being generated
 * @param scheduleId id of the schedule, or null for an ad-hoc run
 * @param tenantId tenant whose data the report may show; generators must scope their queries by it
 * @param ownerId user who owns the schedule
 * @param reportTypeId id of the report type
 * @param parameters parameters after resolution: relative windows (e.g. {@code "last_7_days"}) are
 *     {@link DateRange} values resolved against {@code scheduledFor} in {@code zone}
 * @param locale the schedule's locale
 * @param zone the schedule's time zone
 * @param scheduledFor the instant this run was scheduled for (not when it started)
 * @param trigger what started the execution
 * @param cancellation deadline and cancellation signal
 */
public record ReportRequest(
        String executionId,
        String scheduleId,
        String tenantId,
        String ownerId,
        String reportTypeId,
        Map<String, Object> parameters,
        Locale locale,
        ZoneId zone,
        Instant scheduledFor,
        Trigger trigger,
        CancellationSignal cancellation) {

    /** Validates and copies the request. */
    public ReportRequest {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(reportTypeId, "reportTypeId");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(cancellation, "cancellation");
        parameters =
                parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A parameter value, or null when absent. */
    public Object parameter(String name) {
        return parameters.get(name);
    }

    /** A parameter as a string, or {@code defaultValue} when absent. */
    public String stringParameter(String name, String defaultValue) {
        Object v = parameters.get(name);
        return v == null ? defaultValue : v.toString();
    }

    /**
     * A resolved date-range parameter.
     *
     * @throws ReportsValidationException when the parameter is absent or not a date range
     */
    public DateRange dateRange(String name) {
        Object v = parameters.get(name);
        if (v instanceof DateRange range) {
            return range;
        }
        throw new ReportsValidationException(
                "report_params." + name, "expected a date range such as \"last_7_days\", was " + v);
    }

    /** Whether the generator should stop (deadline passed or execution cancelled). */
    public boolean isCancelled() {
        return cancellation.isCancelled();
    }
}
