package io.scheduledreports.spi;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One delivery of one execution's artifact to one recipient.
 *
 * <p>Delivery is at-least-once: after a crash or an unclear outcome the engine delivers again with the same
 * {@link #idempotencyKey()}, so channels that can (e-mail {@code Message-ID}, webhook headers) let the far
 * side recognise the repeat.
 *
 * @param deliveryId id of the delivery row
 * @param idempotencyKey stable per (execution, recipient); the same across retries
 * @param tenantId tenant of the schedule
 * @param scheduleId schedule id
 * @param executionId execution id
 * @param reportName the schedule's name
 * @param recipient who receives this delivery
 * @param channelRecipients all recipients of the same channel on this schedule (for e-mail headers that
 *     show the other To/Cc addresses); includes {@code recipient}
 * @param artifact the file, or its download link
 * @param variables template variables ({@code report_name}, {@code scheduled_for}, {@code row_count}, ...),
 *     already formatted for {@code locale} and {@code zone}
 * @param options the schedule's options for this channel (e.g. {@code subject}, {@code body} templates)
 * @param locale the schedule's locale
 * @param zone the schedule's time zone
 * @param scheduledFor the execution's scheduled instant
 * @param attempt 1 for the first attempt, then 2, 3, ...
 * @param sample the report's first rows as text when the channel asked for them ({@link
 *     DeliveryChannel#sampleRows(Map)}), else {@link RowSample#empty()}
 */
public record Delivery(
        String deliveryId,
        String idempotencyKey,
        String tenantId,
        String scheduleId,
        String executionId,
        String reportName,
        Recipient recipient,
        List<Recipient> channelRecipients,
        Artifact artifact,
        Map<String, String> variables,
        Map<String, String> options,
        Locale locale,
        ZoneId zone,
        Instant scheduledFor,
        int attempt,
        RowSample sample) {

    /** Validates and copies the delivery. */
    public Delivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        reportName = reportName == null ? "" : reportName;
        channelRecipients = channelRecipients == null ? List.of(recipient) : List.copyOf(channelRecipients);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        options = options == null ? Map.of() : Map.copyOf(options);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        sample = sample == null ? RowSample.empty() : sample;
    }

    /** A delivery without a row sample. */
    public Delivery(
            String deliveryId,
            String idempotencyKey,
            String tenantId,
            String scheduleId,
            String executionId,
            String reportName,
            Recipient recipient,
            List<Recipient> channelRecipients,
            Artifact artifact,
            Map<String, String> variables,
            Map<String, String> options,
            Locale locale,
            ZoneId zone,
            Instant scheduledFor,
            int attempt) {
        this(
                deliveryId,
                idempotencyKey,
                tenantId,
                scheduleId,
                executionId,
                reportName,
                recipient,
                channelRecipients,
                artifact,
                variables,
                options,
                locale,
                zone,
                scheduledFor,
                attempt,
                RowSample.empty());
    }
}
