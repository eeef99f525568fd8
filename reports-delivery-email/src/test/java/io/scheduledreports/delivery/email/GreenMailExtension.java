package io.scheduledreports.delivery.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An in-process GreenMail SMTP server on a free port, fresh for each test. */
final class GreenMailExtension implements BeforeEachCallback, AfterEachCallback {

    private final String protocol;
    private final GreenMailConfiguration configuration;
    private GreenMail greenMail;

    private GreenMailExtension(String protocol, GreenMailConfiguration configuration) {
        this.protocol = protocol;
        this.configuration = configuration;
    }

    /** Plain SMTP, any client accepted. */
    static GreenMailExtension smtp() {
        return new GreenMailExtension(
                ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    /** Plain SMTP that knows one user (and so checks passwords). */
    static GreenMailExtension smtpWithUser(String email, String login, String password) {
        return new GreenMailExtension(
                ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig().withUser(email, login, password));
    }

    /** Implicit TLS (GreenMail's self-signed certificate), any client accepted. */
    static GreenMailExtension smtps() {
        return new GreenMailExtension(
                ServerSetup.PROTOCOL_SMTPS, GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol);
        // GreenMail's 2 s default is too short for SMTPS (key store, TLS set-up) on a busy 2-core machine.
        setup.setServerStartupTimeout(30_000);
        greenMail = new GreenMail(setup);
        greenMail.withConfiguration(configuration);
        greenMail.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        greenMail.stop();
    }

    int port() {
        return protocol.equals(ServerSetup.PROTOCOL_SMTPS)
                ? greenMail.getSmtps().getPort()
                : greenMail.getSmtp().getPort();
    }

    /** Settings for this server: plain connection, sender reports@example.com, short timeouts. */
    EmailSettings.Builder settings() {
        return EmailSettings.builder()
                .host("127.0.0.1")
                .port(port())
                .security(SmtpSecurity.NONE)
                .from("reports@example.com")
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .readTimeout(java.time.Duration.ofSeconds(5));
    }

    /** Messages in the mailbox of {@code address}. */
    List<MimeMessage> mailbox(String address) {
        return greenMail
                .findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toList();
    }

    /** Every message received, in all mailboxes. */
    List<MimeMessage> all() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /** The one message in the mailbox of {@code address}. */
    MimeMessage only(String address) throws MessagingException {
        List<MimeMessage> messages = mailbox(address);
        if (messages.size() != 1) {
            throw new AssertionError("expected one message for " + address + " but found " + messages.size());
        }
        return messages.getFirst();
    }
}
