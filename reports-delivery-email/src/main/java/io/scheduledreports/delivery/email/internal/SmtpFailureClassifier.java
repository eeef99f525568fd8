package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.spi.ErrorCategory;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Maps what Jakarta Mail throws to an {@link ErrorCategory}:
 *
 * <ul>
 *   <li>the report file could not be read: SYSTEM;
 *   <li>authentication refused, sender refused, STARTTLS required but not offered, TLS handshake failed, a 5xx
 *       greeting: CONFIGURATION;
 *   <li>the recipient refused with 5xx, or the message refused after {@code DATA} with 5xx: DATA (for this
 *       recipient only, as each delivery's envelope holds just its own recipient), marked as a bounce;
 *   <li>any 4xx reply, connection refused, timeouts, unknown host, other I/O errors: NETWORK;
 *   <li>anything else: UNKNOWN.
 * </ul>
 */
public final class SmtpFailureClassifier {

    private static final Pattern REPLY_CODE = Pattern.compile("(?:^|[\\s\\[:])([2-5]\\d\\d)(?=[\\s\\-\\]]|$)");

    private final String server;
    private final String username;

    /**
     * @param server {@code host:port}, for messages
     * @param username the configured user, for messages; may be null
     */
    public SmtpFailureClassifier(String server, String username) {
        this.server = server;
        this.username = username;
    }

    /** Classifies a failure of connecting to the server or sending one message. */
    public SmtpFailure classify(Throwable failure) {
        List<Throwable> chain = chain(failure);

        Optional<ArtifactReadException> artifact = find(chain, ArtifactReadException.class);
        if (artifact.isPresent()) {
            return new SmtpFailure(ErrorCategory.SYSTEM, oneLine(artifact.get().getMessage()));
        }
        Optional<AuthenticationFailedException> auth = find(chain, AuthenticationFailedException.class);
        if (auth.isPresent()) {
            return new SmtpFailure(
                    ErrorCategory.CONFIGURATION,
                    "SMTP server " + server + " refused the credentials of user " + Quoted.of(username) + " ("
                            + oneLine(auth.get().getMessage()) + "); check email.username and email.password");
        }
        Optional<SMTPAddressFailedException> recipient = find(chain, SMTPAddressFailedException.class);
        if (recipient.isPresent()) {
            SMTPAddressFailedException e = recipient.get();
            return bounceByCode(
                    e.getReturnCode(),
                    "SMTP server " + server + " refused recipient " + e.getAddress() + ": " + oneLine(e.getMessage()));
        }
        Optional<SMTPSenderFailedException> sender = find(chain, SMTPSenderFailedException.class);
        if (sender.isPresent()) {
            SMTPSenderFailedException e = sender.get();
            return byCode(
                    e.getReturnCode(),
                    ErrorCategory.CONFIGURATION,
                    "SMTP server " + server + " refused sender " + e.getAddress() + ": " + oneLine(e.getMessage())
                            + "; check email.from and that the user may send as it");
        }
        Optional<SMTPSendFailedException> command = find(chain, SMTPSendFailedException.class);
        if (command.isPresent()) {
            SMTPSendFailedException e = command.get();
            String cmd = e.getCommand() == null ? "" : e.getCommand();
            boolean mailFrom = cmd.regionMatches(true, 0, "MAIL", 0, 4);
            if (!mailFrom) {
                return bounceByCode(
                        e.getReturnCode(),
                        "SMTP server " + server + " refused the message: " + oneLine(e.getMessage()));
            }
            return byCode(
                    e.getReturnCode(),
                    ErrorCategory.CONFIGURATION,
                    "SMTP server " + server + " refused the sender: " + oneLine(e.getMessage()));
        }
        Optional<SendFailedException> send = find(chain, SendFailedException.class);
        if (send.isPresent()) {
            SendFailedException e = send.get();
            if (notEmpty(e.getInvalidAddresses())) {
                return new SmtpFailure(
                        ErrorCategory.DATA,
                        "SMTP server " + server + " refused recipient " + e.getInvalidAddresses()[0] + ": "
                                + oneLine(e.getMessage()));
            }
            return new SmtpFailure(
                    ErrorCategory.NETWORK,
                    "SMTP server " + server + " did not accept the message: " + oneLine(e.getMessage()));
        }
        Optional<MessagingException> startTls =
                find(chain, MessagingException.class, e -> text(e).startsWith("STARTTLS is required"));
        if (startTls.isPresent()) {
            return new SmtpFailure(
                    ErrorCategory.CONFIGURATION,
                    "SMTP server " + server + " does not offer STARTTLS, which email.security=STARTTLS_REQUIRED"
                            + " demands; use the server's TLS port with SMTPS, or STARTTLS_OPTIONAL/NONE only on a"
                            + " trusted network");
        }
        Optional<SSLHandshakeException> tls = find(chain, SSLHandshakeException.class);
        if (tls.isPresent()) {
            return new SmtpFailure(
                    ErrorCategory.CONFIGURATION,
                    "TLS handshake with SMTP server " + server + " failed ("
                            + oneLine(tls.get().getMessage())
                            + "); check email.security, email.port and that the JVM trusts the server certificate");
        }
        Optional<MessagingException> greeting =
                find(chain, MessagingException.class, e -> text(e).startsWith("Got bad greeting"));
        if (greeting.isPresent()) {
            String response = text(greeting.get());
            int code = replyCode(response.substring(Math.max(0, response.indexOf("response:"))));
            String message = "SMTP server " + server + " refused the connection: " + oneLine(text(greeting.get()));
            return code >= 500
                    ? new SmtpFailure(ErrorCategory.CONFIGURATION, message)
                    : new SmtpFailure(ErrorCategory.NETWORK, message);
        }
        if (find(chain, MailConnectException.class).isPresent()
                || find(chain, ConnectException.class).isPresent()) {
            return new SmtpFailure(
                    ErrorCategory.NETWORK,
                    "cannot connect to SMTP server " + server + ": " + oneLine(rootMessage(chain)));
        }
        if (find(chain, SocketTimeoutException.class).isPresent()) {
            return new SmtpFailure(
                    ErrorCategory.NETWORK,
                    "timed out talking to SMTP server " + server + " (email.connect-timeout, email.read-timeout,"
                            + " email.write-timeout): " + oneLine(rootMessage(chain)));
        }
        if (find(chain, UnknownHostException.class).isPresent()) {
            return new SmtpFailure(
                    ErrorCategory.NETWORK,
                    "unknown SMTP host in " + server + " (check email.host): " + oneLine(rootMessage(chain)));
        }
        if (find(chain, IOException.class).isPresent()) {
            return new SmtpFailure(
                    ErrorCategory.NETWORK,
                    "connection to SMTP server " + server + " failed: " + oneLine(rootMessage(chain)));
        }
        Optional<MessagingException> reply = find(chain, MessagingException.class, e -> replyCode(text(e)) >= 400);
        if (reply.isPresent()) {
            String message = "SMTP server " + server + " answered: " + oneLine(text(reply.get()));
            return replyCode(text(reply.get())) < 500
                    ? new SmtpFailure(ErrorCategory.NETWORK, message)
                    : new SmtpFailure(ErrorCategory.UNKNOWN, message);
        }
        return new SmtpFailure(
                ErrorCategory.UNKNOWN, "sending via " + server + " failed: " + oneLine(rootMessage(chain)));
    }

    /** 4xx is temporary (NETWORK); 5xx takes {@code permanent}; anything else is UNKNOWN. */
    private static SmtpFailure byCode(int code, ErrorCategory permanent, String message) {
        if (code >= 400 && code < 500) {
            return new SmtpFailure(ErrorCategory.NETWORK, message);
        }
        if (code >= 500 && code < 600) {
            return new SmtpFailure(permanent, message);
        }
        return new SmtpFailure(ErrorCategory.UNKNOWN, message);
    }

    /**
     * A refusal at {@code RCPT} or after {@code DATA}: 4xx is temporary (NETWORK); 5xx is a hard bounce (DATA,
     * counted against the recipient, as each delivery's envelope holds just its own recipient); else UNKNOWN.
     */
    private static SmtpFailure bounceByCode(int code, String message) {
        if (code >= 500 && code < 600) {
            return new SmtpFailure(ErrorCategory.DATA, message, true);
        }
        return byCode(code, ErrorCategory.DATA, message);
    }

    /** The first three-digit SMTP reply code in the text, or -1. */
    static int replyCode(String text) {
        Matcher m = REPLY_CODE.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The failure and its causes, including Jakarta Mail's chained "next" exceptions, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>();
        todo.add(failure);
        while (!todo.isEmpty() && out.size() < 32) {
            Throwable t = todo.removeFirst();
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
            todo.add(t.getCause());
        }
        return out;
    }

    private static <T> Optional<T> find(List<Throwable> chain, Class<T> type) {
        return find(chain, type, t -> true);
    }

    private static <T> Optional<T> find(List<Throwable> chain, Class<T> type, Predicate<T> test) {
        for (Throwable t : chain) {
            if (type.isInstance(t) && test.test(type.cast(t))) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static boolean notEmpty(Address[] addresses) {
        return addresses != null && addresses.length > 0;
    }

    private static String text(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage();
    }

    private static String rootMessage(List<Throwable> chain) {
        Throwable last = chain.getLast();
        String message = last.getMessage();
        return message == null
                ? last.getClass().getSimpleName()
                : last.getClass().getSimpleName() + ": " + message;
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }
}
