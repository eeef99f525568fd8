package io.scheduledreports.delivery.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads received messages: their structure, text, HTML and attachments. */
final class MailParts {

    record Attachment(String fileName, String contentType, String encoding, byte[] bytes) {}

    private MailParts() {}

    /** The MIME structure as a string, e.g. {@code multipart/mixed[multipart/alternative[text/plain,text/html],text/csv]}. */
    static String structure(Part part) throws MessagingException, IOException {
        String type = part.getContentType().split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            List<String> children = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                children.add(structure(multipart.getBodyPart(i)));
            }
            return type + "[" + String.join(",", children) + "]";
        }
        return type;
    }

    /** The plain-text part, line breaks as {@code \n} (SMTP carries text with CRLF). */
    static String text(MimeMessage message) throws MessagingException, IOException {
        return ((String) find(message, "text/plain").getContent()).replace("\r\n", "\n");
    }

    /** The HTML part, line breaks as {@code \n}. */
    static String html(MimeMessage message) throws MessagingException, IOException {
        return ((String) find(message, "text/html").getContent()).replace("\r\n", "\n");
    }

    static List<Attachment> attachments(MimeMessage message) throws MessagingException, IOException {
        List<Attachment> out = new ArrayList<>();
        collectAttachments(message, out);
        return out;
    }

    static String headers(MimeMessage message) throws MessagingException {
        return String.join("\n", Collections.list(message.getAllHeaderLines()));
    }

    private static void collectAttachments(Part part, List<Attachment> out) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectAttachments(multipart.getBodyPart(i), out);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            try (InputStream in = part.getInputStream()) {
                String[] encoding = part.getHeader("Content-Transfer-Encoding");
                out.add(new Attachment(
                        part.getFileName(),
                        part.getContentType(),
                        encoding == null ? null : encoding[0],
                        in.readAllBytes()));
            }
        }
    }

    private static Part find(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = findOrNull(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new AssertionError("no " + mimeType + " part in " + structure(part));
    }

    private static Part findOrNull(Part part, String mimeType) throws MessagingException, IOException {
        try {
            return find(part, mimeType);
        } catch (AssertionError e) {
            return null;
        }
    }
}
