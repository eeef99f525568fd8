package io.scheduledreports.delivery.slack.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scheduledreports.spi.Delivery;
import java.util.Map;

/** The summary message of a delivery: Block Kit blocks and a plain-text fallback. */
public final class SlackMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {}

    /**
     * The blocks: a header with the report name, fields for period, rows and file, and the link unless attached.
     *
     * @param d the delivery
     * @param attached whether the file is uploaded with the message
     * @return the blocks array
     */
    public static ArrayNode blocks(Delivery d, boolean attached) {
        Map<String, String> v = d.variables();
        ArrayNode blocks = JSON.createArrayNode();
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(name(d), 150));
        ObjectNode fields = blocks.addObject().put("type", "section");
        ArrayNode f = fields.putArray("fields");
        f.addObject()
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "*Scheduled for*\n"
                                + esc(v.getOrDefault(
                                        "scheduled_for", d.scheduledFor().toString())));
        f.addObject().put("type", "mrkdwn").put("text", "*Rows*\n" + esc(v.getOrDefault("row_count", "?")));
        f.addObject()
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "*File*\n" + esc(d.artifact().fileName()) + " ("
                                + esc(v.getOrDefault("file_size", d.artifact().size() + " B")) + ")");
        if (!attached && d.artifact().downloadLink().isPresent()) {
            String expires = v.getOrDefault("download_expires_at", "");
            blocks.addObject()
                    .put("type", "section")
                    .putObject("text")
                    .put("type", "mrkdwn")
                    .put(
                            "text",
                            "<" + d.artifact().downloadLink().get() + "|Download the report>"
                                    + (expires.isEmpty() ? "" : " (until " + esc(expires) + ")"));
        }
        return blocks;
    }

    /** The notification text (shown where blocks are not). */
    public static String text(Delivery d, boolean attached) {
        String rows = d.variables().getOrDefault("row_count", "?");
        String link = !attached && d.artifact().downloadLink().isPresent()
                ? ": " + d.artifact().downloadLink().get()
                : "";
        // the fallback text is mrkdwn: escaped, so a report named "<!channel>" cannot notify everyone
        return esc(name(d)) + " - " + esc(rows) + " rows" + link;
    }

    private static String name(Delivery d) {
        return d.reportName().isBlank() ? d.artifact().fileName() : d.reportName();
    }

    /** Escapes Slack mrkdwn control characters. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
