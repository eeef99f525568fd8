package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.scheduledreports.core.EmptyReportPolicy;
import io.scheduledreports.core.MisfirePolicy;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A schedule as a client sends it to create (POST) or replace (PUT) one; the shape the README documents under "REST API: requests and responses".
 *
 * @param name shown to people
 * @param reportType report type id
 * @param reportParams the report's parameters
 * @param outputFormat output format id (default {@code csv})
 * @param schedule the schedule object ({@code cadence}, {@code time}, {@code timezone}, ...)
 * @param recipients the recipients
 * @param misfirePolicy {@code RUN_ONCE} (default), {@code RUN_ALL} or {@code SKIP}
 * @param emptyReportPolicy {@code ALWAYS} (default), {@code NOT_EMPTY} or {@code CHANGED}
 * @param locale BCP 47 language tag, e.g. {@code en-US} (default {@code en})
 * @param deliveryOptions options per channel id, e.g. e-mail {@code subject} and {@code body}
 * @param timeout generation timeout, e.g. {@code PT45M} or {@code 45m}
 * @param ownerId owner, when an admin schedules for someone else
 * @param version the version read before, required by PUT unless sent as {@code If-Match}
 * @param overlapPolicy {@code SKIP} (default) or {@code QUEUE}: what a run does while the previous one is in progress
 * @param formatOptions options of the output format by snake-case name, e.g. {@code {"page_size": "letter"}}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ScheduleBody(
        String name,
        String reportType,
        Map<String, Object> reportParams,
        String outputFormat,
        JsonNode schedule,
        List<RecipientBody> recipients,
        String misfirePolicy,
        String emptyReportPolicy,
        String locale,
        Map<String, Map<String, String>> deliveryOptions,
        String timeout,
        String ownerId,
        Long version,
        String overlapPolicy,
        Map<String, Object> formatOptions,
        @JsonAnySetter Map<String, Object> unknown) {

    /** The JSON fields of this body. */
    static final Set<String> FIELDS = Set.of(
            "name",
            "report_type",
            "report_params",
            "output_format",
            "schedule",
            "recipients",
            "misfire_policy",
            "empty_report_policy",
            "locale",
            "delivery_options",
            "timeout",
            "owner_id",
            "version",
            "overlap_policy",
            "format_options");

    ScheduleRequest toRequest(io.scheduledreports.core.calendar.HolidayCalendars calendars) {
        UnknownFields.refuse(unknown, FIELDS, "");
        ScheduleRequest.Builder b = ScheduleRequest.builder()
                .name(name)
                .reportType(reportType)
                .params(reportParams)
                .schedule(scheduleSpec(calendars))
                .misfirePolicy(parse("misfire_policy", misfirePolicy, MisfirePolicy.class))
                .emptyReportPolicy(parse("empty_report_policy", emptyReportPolicy, EmptyReportPolicy.class))
                .ownerId(ownerId)
                .overlapPolicy(parse("overlap_policy", overlapPolicy, io.scheduledreports.core.OverlapPolicy.class));
        if (outputFormat != null) {
            b.outputFormat(outputFormat);
        }
        List<io.scheduledreports.spi.Recipient> list = new ArrayList<>();
        if (recipients != null) {
            for (int i = 0; i < recipients.size(); i++) {
                RecipientBody r = recipients.get(i);
                if (r == null) {
                    throw new ReportsValidationException("recipients[" + i + "]", "must not be null");
                }
                list.add(r.toRecipient("recipients[" + i + "]."));
            }
        }
        b.recipients(list);
        if (locale != null) {
            Locale l = Locale.forLanguageTag(locale);
            if (l.getLanguage().isEmpty()) {
                throw new ReportsValidationException(
                        "locale", "must be a BCP 47 language tag such as 'en' or 'de-CH', was '" + locale + "'");
            }
            b.locale(l);
        }
        if (deliveryOptions != null) {
            deliveryOptions.forEach(b::deliveryOptions);
        }
        if (timeout != null) {
            b.timeout(duration("timeout", timeout));
        }
        b.formatOptions(formatOptions);
        return b.build();
    }

    private ScheduleSpec scheduleSpec(io.scheduledreports.core.calendar.HolidayCalendars calendars) {
        if (schedule == null || schedule.isNull() || schedule.isMissingNode()) {
            throw new ReportsValidationException("schedule", "is required");
        }
        if (!schedule.isObject()) {
            throw new ReportsValidationException(
                    "schedule",
                    "must be an object such as {\"cadence\": \"daily\", \"time\": \"09:00\", \"timezone\":"
                            + " \"Europe/Paris\"}, was " + schedule);
        }
        try {
            return ScheduleSpec.fromJson(schedule.toString(), calendars);
        } catch (ReportsValidationException e) {
            String problem = e.getMessage().startsWith(e.field() + ": ")
                    ? e.getMessage().substring(e.field().length() + 2)
                    : e.getMessage();
            throw new ReportsValidationException("schedule." + e.field(), problem, e);
        }
    }

    static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ReportsValidationException(
                    field, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", was '" + value + "'");
        }
    }

    static Duration duration(String field, String value) {
        try {
            return DurationStyle.detectAndParse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ReportsValidationException(
                    field, "must be a duration such as 'PT45M' or '45m', was '" + value + "'");
        }
    }
}
