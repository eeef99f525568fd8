package io.scheduledreports.delivery.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import java.time.Instant;

/** The JSON event of one delivery, in the Standard Webhooks payload shape {@code {type, timestamp, data}}. */
public final class WebhookEvent {
    /** The event type of a generated report. */
    public static final String TYPE = "scheduled_report.ready";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookEvent() {}

    /**
     * The event's bytes (UTF-8 JSON).
     *
     * @param d the delivery
     * @param now the event time
     * @param attached whether the file goes along in the same request
     * @return the JSON
     */
    public static byte[] json(Delivery d, Instant now, boolean attached) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE);
        root.put("timestamp", now.toString());
        ObjectNode data = root.putObject("data");
        data.put("delivery_id", d.idempotencyKey());
        data.put("tenant_id", d.tenantId());
        data.put("schedule_id", d.scheduleId());
        data.put("schedule_name", d.reportName());
        data.put("execution_id", d.executionId());
        data.put("scheduled_for", d.scheduledFor().toString());
        data.put("timezone", d.zone().getId());
        String rows = d.variables().get("row_count_raw");
        if (rows != null && rows.matches("\\d{1,18}")) {
            data.put("row_count", Long.parseLong(rows));
        } else {
            data.putNull("row_count");
        }
        Artifact a = d.artifact();
        ObjectNode file = data.putObject("file");
        file.put("name", a.fileName());
        file.put("media_type", a.mediaType());
        file.put("size", a.size());
        file.put("sha256", a.sha256());
        file.put("attached", attached);
        if (a.downloadLink().isPresent()) {
            file.put("download_url", a.downloadLink().get().toString());
            String expires = d.variables().get("download_expires_at_iso");
            if (expires != null && !expires.isEmpty()) {
                file.put("download_expires_at", expires);
            } else {
                file.putNull("download_expires_at");
            }
        } else {
            file.putNull("download_url");
            file.putNull("download_expires_at");
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook event", e);
        }
    }
}
