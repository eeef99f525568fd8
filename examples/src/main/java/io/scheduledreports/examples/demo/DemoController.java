package io.scheduledreports.examples.demo;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Demo-only endpoint for the mailbox page: the mails the embedded SMTP server received. */
@RestController
@RequestMapping("/demo")
class DemoController {

    private final GreenMail smtp;

    DemoController(GreenMail smtp) {
        this.smtp = smtp;
    }

    /** A received mail as the page shows it. */
    record Mail(
            String subject,
            String from,
            List<String> to,
            String receivedAt,
            String text,
            List<String> attachments,
            List<String> links,
            String unsubscribe) {}

    /** The mails received, newest first. */
    @GetMapping("/mails")
    List<Mail> mails() throws MessagingException, IOException {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            List<String> attachments = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            walk(m, text, attachments);
            String body = text.toString().strip();
            String header = m.getHeader("List-Unsubscribe", null);
            String unsubscribe = header != null && header.startsWith("<") && header.endsWith(">")
                    ? header.substring(1, header.length() - 1)
                    : null;
            List<String> links = Arrays.stream(body.split("\\s+"))
                    .filter(w -> w.startsWith("http://") || w.startsWith("https://"))
                    .filter(w -> !w.equals(unsubscribe))
                    .toList();
            mails.add(new Mail(
                    m.getSubject(),
                    m.getFrom() == null ? "" : m.getFrom()[0].toString(),
                    m.getAllRecipients() == null
                            ? List.of()
                            : Arrays.stream(
                                            m.getRecipients(Message.RecipientType.TO) == null
                                                    ? m.getAllRecipients()
                                                    : m.getRecipients(Message.RecipientType.TO))
                                    .map(Object::toString)
                                    .toList(),
                    m.getReceivedDate() == null
                            ? null
                            : m.getReceivedDate().toInstant().toString(),
                    body.length() > 2_000 ? body.substring(0, 2_000) + " ..." : body,
                    attachments,
                    links,
                    unsubscribe));
        }
        return mails.reversed();
    }

    private static void walk(Part part, StringBuilder text, List<String> attachments)
            throws MessagingException, IOException {
        if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            attachments.add(part.getFileName() + " (" + part.getContentType().split(";")[0] + ")");
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, text, attachments);
            }
        } else if (part.isMimeType("text/plain") && text.isEmpty()) {
            text.append(part.getContent());
        }
    }
}
