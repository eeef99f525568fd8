package io.scheduledreports.delivery.email;

import io.scheduledreports.spi.RowSample;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The subject and body templates of report e-mails.
 *
 * <p>A template is text with variables in braces, {@code Weekly sales {date}}; write <code>{{</code> and
 * <code>}}</code> for literal braces. Only the {@link #VARIABLES} exist; a schedule naming any other is refused
 * when it is created. Values come formatted for the schedule's locale and time zone. The subject is one line
 * (line breaks in values become spaces). The body is plain text: the HTML part of the e-mail is made from
 * it with every value HTML-escaped, line breaks kept and {@code {download_url}} turned into a link, and the
 * plain-text part is the text itself. A note on the attachment or, for a report over the attachment limit,
 * the download link follows the body. When the engine gives the recipient an unsubscribe link (template value
 * {@code unsubscribe_url}), a short unsubscribe line ends the message and the link goes into the RFC 2369
 * {@code List-Unsubscribe} header with RFC 8058 {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}.
 *
 * <p>A schedule picks its templates with the delivery options {@value #SUBJECT_OPTION} and
 * {@value #BODY_OPTION}; without them the channel's defaults apply ({@link EmailSettings.Builder#defaultSubject},
 * {@link EmailSettings.Builder#defaultBody}).
 */
public final class EmailTemplates {

    /** Every variable a template may use, in documentation order. */
    public static final SequencedSet<String> VARIABLES =
            Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of(
                    "report_name",
                    "report_type",
                    "date",
                    "scheduled_for",
                    "timezone",
                    "row_count",
                    "file_name",
                    "file_size",
                    "format",
                    "download_url",
                    "download_expires_at",
                    "execution_id")));

    /** Delivery option holding the subject template. */
    public static final String SUBJECT_OPTION = "subject";

    /** Delivery option holding the body template. */
    public static final String BODY_OPTION = "body";

    /**
     * Delivery option: show the report's first N rows (1-{@value #MAX_INLINE_ROWS}) as a table in the body, every
     * value HTML-escaped. The rows are captured while the report is generated, so they are there for CSV, XLSX
     * and PDF alike and the report's query never runs twice.
     */
    public static final String INLINE_ROWS_OPTION = "inline_rows";

    /**
     * Delivery option: {@code false} to send the inline table alone, without the file or its download link
     * (needs {@value #INLINE_ROWS_OPTION}). Default {@code true}.
     */
    public static final String ATTACH_OPTION = "attach";

    /** The most rows {@value #INLINE_ROWS_OPTION} may ask for. */
    public static final int MAX_INLINE_ROWS = RowSample.MAX_ROWS;

    /** Subject used when neither the schedule nor the settings give one. */
    public static final String DEFAULT_SUBJECT = "{report_name} - {date}";

    /** Body used when neither the schedule nor the settings give one. */
    public static final String DEFAULT_BODY = """
            Hello,

            your scheduled report "{report_name}" for {scheduled_for} ({timezone}) is ready.

            Rows: {row_count}
            Format: {format}
            """;

    /** Longest subject template accepted, in characters. */
    public static final int MAX_SUBJECT_LENGTH = 500;

    /** Longest body template accepted, in characters. */
    public static final int MAX_BODY_LENGTH = 20_000;

    private EmailTemplates() {}
}
