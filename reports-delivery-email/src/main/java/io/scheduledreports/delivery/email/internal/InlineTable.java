package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.spi.RowSample;
import java.util.List;

/**
 * The report's first rows in the message body: an HTML table with every label and value escaped (a value
 * {@code <b>x</b>} shows as that text), and the same rows as plain text for the text part.
 *
 * @param html the table, or a sentence when the report has no rows
 * @param text the plain-text rendering
 */
record InlineTable(String html, String text) {

    private static final String CELL = "padding:4px 8px;border:1px solid #d0d7de;text-align:left;vertical-align:top";

    /** The first {@code limit} rows of {@code sample}. */
    static InlineTable of(RowSample sample, int limit) {
        if (sample.isEmpty()) {
            String sentence = "The report's rows are not available for this message.";
            return new InlineTable("<p>" + Html.escape(sentence) + "</p>\n", sentence);
        }
        List<List<String>> rows =
                sample.rows().subList(0, Math.min(limit, sample.rows().size()));
        if (rows.isEmpty()) {
            String sentence = "The report has no rows.";
            return new InlineTable("<p>" + Html.escape(sentence) + "</p>\n", sentence);
        }
        StringBuilder html = new StringBuilder(
                "<table style=\"border-collapse:collapse;margin-top:16px;font-size:13px\">\n<thead><tr>");
        StringBuilder text = new StringBuilder();
        for (String label : sample.columns()) {
            html.append("<th style=\"")
                    .append(CELL)
                    .append(";background-color:#eef1f5\">")
                    .append(Html.escape(label))
                    .append("</th>");
        }
        text.append(String.join(" | ", sample.columns())).append('\n');
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String value : row) {
                html.append("<td style=\"")
                        .append(CELL)
                        .append("\">")
                        .append(Html.escape(value))
                        .append("</td>");
            }
            html.append("</tr>\n");
            text.append(String.join(
                            " | ",
                            row.stream().map(v -> v.replaceAll("\\s+", " ")).toList()))
                    .append('\n');
        }
        html.append("</tbody></table>\n");
        // the sample stops at the limit, so a full table may or may not be the whole report
        String more = rows.size() == limit ? "The first " + rows.size() + " rows of the report." : null;
        if (more != null) {
            html.append("<p style=\"font-size:12px;color:#57606a\">")
                    .append(Html.escape(more))
                    .append("</p>\n");
            text.append(more).append('\n');
        }
        return new InlineTable(html.toString(), text.toString());
    }
}
