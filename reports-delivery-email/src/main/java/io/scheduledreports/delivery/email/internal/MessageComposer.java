package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.delivery.email.EmailSettings;
import io.scheduledreports.delivery.email.RecipientType;
import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the message for one delivery: headers showing the schedule's To and Cc recipients (never Bcc), a
 * subject and an HTML body with a plain-text alternative from the templates, a note on the attachment or the
 * download link, and the attachment itself ({@code multipart/alternative} inside {@code multipart/mixed}).
 * The {@code Message-ID} comes from the idempotency key.
 */
public final class MessageComposer {

    private static final DateTimeFormatter SCHEDULED_FOR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final String UTF_8 = "UTF-8";
    private static final String UNSUBSCRIBE_NOTE = "You get this report because you are on its list. Unsubscribe:";

    private final Session session;
    private final EmailSettings settings;
    private final Clock clock;

    /**
     * @param session the mail session
     * @param settings sender and reply-to
     * @param clock for the {@code Date} header
     */
    public MessageComposer(Session session, EmailSettings settings, Clock clock) {
        this.session = session;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Composes the message; {@link MimeMessage#saveChanges()} has been called.
     *
     * @throws MessagingException if Jakarta Mail refuses a part
     */
    public MimeMessage compose(Delivery delivery, Template subject, Template body, AttachmentPlan plan)
            throws MessagingException {
        return compose(delivery, subject, body, plan, 0);
    }

    /**
     * Composes the message with the report's first {@code inlineRows} rows ({@link Delivery#sample()}) as a table
     * in the body, every value escaped; {@link MimeMessage#saveChanges()} has been called.
     *
     * @throws MessagingException if Jakarta Mail refuses a part
     */
    public MimeMessage compose(Delivery delivery, Template subject, Template body, AttachmentPlan plan, int inlineRows)
            throws MessagingException {
        Map<String, String> values = variables(delivery);
        MimeMessage message = new StableIdMimeMessage(session, MessageIds.of(delivery.idempotencyKey()));
        message.setFrom(sender());
        if (settings.replyTo().isPresent()) {
            message.setReplyTo(new InternetAddress[] {
                new InternetAddress(settings.replyTo().get())
            });
        }
        setRecipientHeaders(message, delivery.channelRecipients());
        String subjectLine = subject.renderLine(values);
        message.setSubject(subjectLine, UTF_8);
        message.setSentDate(Date.from(clock.instant()));
        // RFC 3834: tell auto-responders (out-of-office) not to answer.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        String unsubscribe = unsubscribeUrl(values);
        if (unsubscribe != null) {
            // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the link.
            message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        Notice notice = notice(plan, values);
        InlineTable table = inlineRows > 0 ? InlineTable.of(delivery.sample(), inlineRows) : null;
        String footerText = unsubscribe == null ? "" : "\n" + UNSUBSCRIBE_NOTE + "\n" + unsubscribe + "\n";
        String footerHtml = unsubscribe == null
                ? ""
                : "<p style=\"margin-top:16px;font-size:12px;color:#666666\">" + Html.escape(UNSUBSCRIBE_NOTE) + " "
                        + Html.link(unsubscribe) + "</p>\n";
        String text = body.renderText(values).stripTrailing() + "\n\n"
                + (table == null ? "" : table.text() + "\n")
                + (notice.text().isEmpty() ? "" : notice.text() + "\n")
                + footerText;
        String html = page(
                subjectLine, body.renderHtml(values), table == null ? "" : table.html(), notice.html(), footerHtml);
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, UTF_8, "plain");
        alternative.addBodyPart(textPart);
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, UTF_8, "html");
        alternative.addBodyPart(htmlPart);

        if (plan instanceof AttachmentPlan.Attach attach) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart content = new MimeBodyPart();
            content.setContent(alternative);
            mixed.addBodyPart(content);
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(attach.source()));
            file.setFileName(attach.fileName());
            file.setDisposition(Part.ATTACHMENT);
            // base64 whatever the type, so text files arrive byte for byte (no line-ending rewriting).
            file.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(file);
            message.setContent(mixed);
        } else {
            message.setContent(alternative);
        }
        message.saveChanges();
        return message;
    }

    /** The template values: the engine's, over fallbacks taken from the delivery itself. */
    static Map<String, String> variables(Delivery delivery) {
        Artifact artifact = delivery.artifact();
        ZonedDateTime at = delivery.scheduledFor().atZone(delivery.zone());
        Map<String, String> values = new HashMap<>();
        values.put("report_name", delivery.reportName());
        values.put("date", at.toLocalDate().toString());
        values.put("scheduled_for", at.format(SCHEDULED_FOR));
        values.put("timezone", delivery.zone().getId());
        values.put("file_name", artifact.fileName());
        values.put("file_size", ByteSizes.format(artifact.size()));
        values.put("format", extension(artifact.fileName()));
        values.put("execution_id", delivery.executionId());
        artifact.downloadLink().ifPresent(link -> values.put("download_url", link.toString()));
        values.putAll(delivery.variables());
        return values;
    }

    private InternetAddress sender() throws MessagingException {
        try {
            return new InternetAddress(settings.from(), settings.fromName().orElse(null), UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode email.from-name", e);
        }
    }

    private static void setRecipientHeaders(MimeMessage message, List<Recipient> recipients) throws MessagingException {
        List<InternetAddress> to = new ArrayList<>();
        List<InternetAddress> cc = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Recipient recipient : recipients) {
            if (!EmailChannel.ID.equals(recipient.channel())) {
                continue;
            }
            RecipientType type;
            InternetAddress address;
            try {
                type = RecipientType.of(recipient);
                address = Addresses.requireValid("recipients.destination", recipient.destination());
            } catch (ReportsValidationException e) {
                continue; // refused at schedule creation; never put a bad value into a header
            }
            if (type == RecipientType.BCC || !seen.add(address.getAddress().toLowerCase(Locale.ROOT))) {
                continue;
            }
            (type == RecipientType.TO ? to : cc).add(address);
        }
        if (to.isEmpty()) {
            message.setHeader("To", "undisclosed-recipients:;");
        } else {
            message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        }
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
        }
    }

    private record Notice(String text, String html) {}

    private static Notice notice(AttachmentPlan plan, Map<String, String> values) {
        return switch (plan) {
            case AttachmentPlan.Attach a -> {
                String text = a.zipped()
                        ? "Attached: " + a.fileName() + " (zip-compressed, " + ByteSizes.format(a.size()) + "; "
                                + ByteSizes.format(a.originalSize()) + " uncompressed)."
                        : "Attached: " + a.fileName() + " (" + ByteSizes.format(a.size()) + ").";
                yield new Notice(text, Html.escape(text));
            }
            case AttachmentPlan.Link l -> {
                String expires = values.getOrDefault("download_expires_at", "");
                String until = expires.isBlank() ? "" : " until " + expires;
                String sentence = l.limit() == 0
                        ? "Download the report (" + ByteSizes.format(l.size()) + ") here" + until + ":"
                        : "The report is " + ByteSizes.format(l.size()) + ", larger than the "
                                + ByteSizes.format(l.limit()) + " attachment limit"
                                + (l.compressionTried() ? " even zip-compressed" : "") + "; download it here" + until
                                + ":";
                String url = l.uri().toString();
                yield new Notice(sentence + "\n" + url, Html.escape(sentence) + "<br>\n" + Html.link(url));
            }
            case AttachmentPlan.None n -> new Notice("", "");
            case AttachmentPlan.Refuse r -> throw new IllegalStateException("refused plans are not composed");
        };
    }

    /**
     * The recipient's unsubscribe link from the engine's {@code unsubscribe_url} variable, when it is an
     * absolute http(s) URL that can go into a header as it is (RFC 2369 angle brackets, no spaces or controls).
     */
    static String unsubscribeUrl(Map<String, String> values) {
        String url = values.get("unsubscribe_url");
        if (url == null || url.isBlank() || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return null;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                return null;
            }
        }
        return url;
    }

    private static String page(String title, String body, String table, String notice, String footer) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>" + Html.escape(title)
                + "</title></head>\n"
                + "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222222\">\n"
                + "<div>" + body + "</div>\n"
                + table
                + (notice.isEmpty()
                        ? ""
                        : "<p style=\"margin-top:16px;padding:12px;background-color:#f4f6f8\">" + notice + "</p>\n")
                + footer
                + "</body></html>\n";
    }

    private static String extension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1
                ? ""
                : fileName.substring(dot + 1).toUpperCase(Locale.ROOT);
    }
}
