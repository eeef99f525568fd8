package io.scheduledreports.core;

import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller asks for when creating or replacing a schedule. Build with {@link #builder()}.
 *
 * @param name shown to people, 1-200 characters
 * @param reportType id of a registered report type
 * @param reportParams the report's parameters (JSON types: strings, numbers, booleans, lists)
 * @param outputFormat id of a registered formatter, e.g. {@code "csv"}
 * @param schedule when it runs
 * @param recipients who receives it
 * @param misfirePolicy what to do about missed runs
 * @param emptyReportPolicy whether empty or unchanged reports are delivered
 * @param locale locale for formatting and messages
 * @param deliveryOptions per channel id, that channel's options (e.g. e-mail subject and body templates)
 * @param timeout generation timeout override, or null for the engine default
 * @param ownerId owner of the schedule, or null for the acting user
 * @param overlapPolicy what a run does while the previous run is still in progress ({@link OverlapPolicy#SKIP})
 * @param formatOptions options of the output format by name in snake case, e.g. {@code page_size} or
 *     {@code title} for PDF: strings, numbers, booleans or lists of them, checked against the formatter when the
 *     schedule is saved (each formatter's Javadoc lists its options)
 */
public record ScheduleRequest(
        String name,
        String reportType,
        Map<String, Object> reportParams,
        String outputFormat,
        ScheduleSpec schedule,
        List<Recipient> recipients,
        MisfirePolicy misfirePolicy,
        EmptyReportPolicy emptyReportPolicy,
        Locale locale,
        Map<String, Map<String, String>> deliveryOptions,
        Duration timeout,
        String ownerId,
        OverlapPolicy overlapPolicy,
        Map<String, Object> formatOptions) {

    /** Fills defaults and copies collections; field rules are checked by the engine, with all context. */
    public ScheduleRequest {
        reportParams = reportParams == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reportParams));
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        misfirePolicy = misfirePolicy == null ? MisfirePolicy.RUN_ONCE : misfirePolicy;
        emptyReportPolicy = emptyReportPolicy == null ? EmptyReportPolicy.ALWAYS : emptyReportPolicy;
        locale = locale == null ? Locale.ENGLISH : locale;
        overlapPolicy = overlapPolicy == null ? OverlapPolicy.SKIP : overlapPolicy;
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        if (deliveryOptions != null) {
            deliveryOptions.forEach((k, v) -> options.put(k, v == null ? Map.of() : Map.copyOf(v)));
        }
        deliveryOptions = java.util.Collections.unmodifiableMap(options);
        formatOptions = formatOptions == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(formatOptions));
    }

    /** A request without format options, as before they existed. */
    public ScheduleRequest(
            String name,
            String reportType,
            Map<String, Object> reportParams,
            String outputFormat,
            ScheduleSpec schedule,
            List<Recipient> recipients,
            MisfirePolicy misfirePolicy,
            EmptyReportPolicy emptyReportPolicy,
            Locale locale,
            Map<String, Map<String, String>> deliveryOptions,
            Duration timeout,
            String ownerId,
            OverlapPolicy overlapPolicy) {
        this(
                name,
                reportType,
                reportParams,
                outputFormat,
                schedule,
                recipients,
                misfirePolicy,
                emptyReportPolicy,
                locale,
                deliveryOptions,
                timeout,
                ownerId,
                overlapPolicy,
                Map.of());
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this request, to change a few fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.reportType = reportType;
        b.reportParams.putAll(reportParams);
        b.outputFormat = outputFormat;
        b.schedule = schedule;
        b.recipients.addAll(recipients);
        b.misfirePolicy = misfirePolicy;
        b.emptyReportPolicy = emptyReportPolicy;
        b.locale = locale;
        b.deliveryOptions.putAll(deliveryOptions);
        b.timeout = timeout;
        b.ownerId = ownerId;
        b.overlapPolicy = overlapPolicy;
        b.formatOptions.putAll(formatOptions);
        return b;
    }

    /** Builds a {@link ScheduleRequest}. */
    public static final class Builder {
        private String name;
        private String reportType;
        private final Map<String, Object> reportParams = new LinkedHashMap<>();
        private String outputFormat = "csv";
        private ScheduleSpec schedule;
        private final List<Recipient> recipients = new ArrayList<>();
        private MisfirePolicy misfirePolicy = MisfirePolicy.RUN_ONCE;
        private EmptyReportPolicy emptyReportPolicy = EmptyReportPolicy.ALWAYS;
        private Locale locale = Locale.ENGLISH;
        private final Map<String, Map<String, String>> deliveryOptions = new LinkedHashMap<>();
        private Duration timeout;
        private String ownerId;
        private OverlapPolicy overlapPolicy = OverlapPolicy.SKIP;
        private final Map<String, Object> formatOptions = new LinkedHashMap<>();

        private Builder() {}

        /** Name shown to people. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Report type id. */
        public Builder reportType(String value) {
            this.reportType = value;
            return this;
        }

        /** One report parameter. */
        public Builder param(String key, Object value) {
            this.reportParams.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** All report parameters, replacing earlier ones. */
        public Builder params(Map<String, ?> values) {
            this.reportParams.clear();
            if (values != null) {
                this.reportParams.putAll(values);
            }
            return this;
        }

        /** Output format id ({@code csv} by default). */
        public Builder outputFormat(String value) {
            this.outputFormat = value;
            return this;
        }

        /** When it runs. */
        public Builder schedule(ScheduleSpec value) {
            this.schedule = value;
            return this;
        }

        /** When it runs, as JSON (see {@link ScheduleSpec#fromJson(String)}). */
        public Builder schedule(String json) {
            this.schedule = ScheduleSpec.fromJson(json);
            return this;
        }

        /**
         * When it runs, as JSON whose {@code holiday_calendar} is looked up in {@code calendars} (see
         * {@link ScheduledReports#holidayCalendars(String)}).
         */
        public Builder schedule(String json, HolidayCalendars calendars) {
            this.schedule = ScheduleSpec.fromJson(json, calendars);
            return this;
        }

        /** Adds a recipient. */
        public Builder recipient(Recipient value) {
            this.recipients.add(Objects.requireNonNull(value, "recipient"));
            return this;
        }

        /** Adds a recipient on a channel. */
        public Builder recipient(String channel, String destination) {
            return recipient(Recipient.of(channel, destination));
        }

        /** Replaces the recipients; a null element is refused here, not later in {@code build()}. */
        public Builder recipients(List<Recipient> values) {
            List<Recipient> checked = new ArrayList<>();
            if (values != null) {
                for (int i = 0; i < values.size(); i++) {
                    checked.add(Objects.requireNonNull(values.get(i), "recipients[" + i + "]"));
                }
            }
            this.recipients.clear();
            this.recipients.addAll(checked);
            return this;
        }

        /** Misfire policy ({@link MisfirePolicy#RUN_ONCE} by default). */
        public Builder misfirePolicy(MisfirePolicy value) {
            this.misfirePolicy = value;
            return this;
        }

        /** Empty-report policy ({@link EmptyReportPolicy#ALWAYS} by default). */
        public Builder emptyReportPolicy(EmptyReportPolicy value) {
            this.emptyReportPolicy = value;
            return this;
        }

        /** Locale (English by default). */
        public Builder locale(Locale value) {
            this.locale = value;
            return this;
        }

        /** Options for one channel, e.g. {@code deliveryOptions("email", Map.of("subject", "{report_name}"))}. */
        public Builder deliveryOptions(String channel, Map<String, String> options) {
            this.deliveryOptions.put(Objects.requireNonNull(channel, "channel"), options);
            return this;
        }

        /** Generation timeout override. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** Owner, when an admin creates a schedule for someone else. */
        public Builder ownerId(String value) {
            this.ownerId = value;
            return this;
        }

        /** What a run does while the previous run is still queued or running ({@link OverlapPolicy#SKIP} by default). */
        public Builder overlapPolicy(OverlapPolicy value) {
            this.overlapPolicy = value;
            return this;
        }

        /**
         * One option of the output format, e.g. {@code formatOption("page_size", "letter")} for PDF or {@code
         * formatOption("delimiter", ";")} for CSV; checked when the schedule is saved.
         */
        public Builder formatOption(String name, Object value) {
            this.formatOptions.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** All options of the output format, replacing earlier ones. */
        public Builder formatOptions(Map<String, ?> values) {
            this.formatOptions.clear();
            if (values != null) {
                this.formatOptions.putAll(values);
            }
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws ReportsValidationException when the schedule is missing
         */
        public ScheduleRequest build() {
            if (schedule == null) {
                throw new ReportsValidationException("schedule", "is required");
            }
            return new ScheduleRequest(
                    name,
                    reportType,
                    reportParams,
                    outputFormat,
                    schedule,
                    recipients,
                    misfirePolicy,
                    emptyReportPolicy,
                    locale,
                    deliveryOptions,
                    timeout,
                    ownerId,
                    overlapPolicy,
                    formatOptions);
        }
    }
}
