package io.scheduledreports.delivery.email;

import io.scheduledreports.delivery.email.internal.Addresses;
import io.scheduledreports.delivery.email.internal.ArtifactReadException;
import io.scheduledreports.delivery.email.internal.AttachmentPlan;
import io.scheduledreports.delivery.email.internal.AttachmentPlanner;
import io.scheduledreports.delivery.email.internal.MessageComposer;
import io.scheduledreports.delivery.email.internal.Quoted;
import io.scheduledreports.delivery.email.internal.SmtpFailure;
import io.scheduledreports.delivery.email.internal.SmtpFailureClassifier;
import io.scheduledreports.delivery.email.internal.SmtpSessions;
import io.scheduledreports.delivery.email.internal.Template;
import io.scheduledreports.delivery.email.internal.TransportPool;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers reports by e-mail over SMTP. Thread-safe; {@link #close()} it when the host shuts down.
 *
 * <p>Each delivery is one recipient and one message: its headers show the schedule's {@code to} recipients in
 * {@code To} and its {@code cc} recipients in {@code Cc} (never the {@code bcc} ones), while the SMTP envelope
 * holds only the delivery's own recipient. So every recipient gets exactly one copy, sees the same headers as
 * the others, and a refused address fails only its own delivery. The {@code Message-ID} is derived from the
 * delivery's idempotency key, so a repeated attempt carries the same id.
 *
 * <p>The report is attached when it is at most {@link EmailSettings#maxAttachmentSize()} (after zipping, with
 * {@link EmailSettings#compressAttachments()}); a larger one is sent as its signed download link with a note
 * saying why, and without a link the delivery fails as CONFIGURATION.
 *
 * <p>Connections are reused: up to {@link EmailSettings#maxIdleConnections()} stay open for
 * {@link EmailSettings#connectionIdleTimeout()} after a delivery, so the recipients of one execution usually
 * share a connection. No background thread; idle connections are closed on the next use or on {@link #close()}.
 *
 * <p>Failures are returned as {@link DeliveryResult#failed}: SMTP 4xx replies, refused connections and
 * timeouts as NETWORK (retried); refused credentials, sender or TLS set-up as CONFIGURATION; a recipient or
 * message refused with 5xx as DATA and {@linkplain DeliveryResult#bounced(String) a bounce}, which the engine
 * counts against the recipient.
 */
public final class EmailChannel implements DeliveryChannel, AutoCloseable {

    /** The channel id, used in recipients' {@code channel}. */
    public static final String ID = "email";

    /**
     * The delivery options a schedule may set: {@code subject} and {@code body} templates, {@code inline_rows}
     * and {@code attach}.
     */
    public static final Set<String> OPTIONS = Set.of(
            EmailTemplates.SUBJECT_OPTION,
            EmailTemplates.BODY_OPTION,
            EmailTemplates.INLINE_ROWS_OPTION,
            EmailTemplates.ATTACH_OPTION);

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);
    private static final String DESTINATION = "recipients.destination";
    private static final String OPTIONS_PREFIX = "delivery_options.";

    private final EmailSettings settings;
    private final String server;
    private final Session session;
    private final ScheduledThreadPoolExecutor writeTimeouts;
    private final TransportPool pool;
    private final AttachmentPlanner planner;
    private final MessageComposer composer;
    private final SmtpFailureClassifier classifier;

    private EmailChannel(EmailSettings settings, Clock clock) {
        this.settings = settings;
        this.server = settings.host() + ":" + settings.port();
        this.writeTimeouts = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "scheduled-reports-smtp-write-timeout");
            thread.setDaemon(true);
            return thread;
        });
        this.writeTimeouts.setRemoveOnCancelPolicy(true);
        this.session = SmtpSessions.create(settings, writeTimeouts);
        this.pool = new TransportPool(
                this::connect, settings.maxIdleConnections(), settings.connectionIdleTimeout(), clock);
        this.planner = new AttachmentPlanner(settings.maxAttachmentSize(), settings.compressAttachments());
        this.composer = new MessageComposer(session, settings, clock);
        this.classifier = new SmtpFailureClassifier(server, settings.username().orElse(null));
    }

    /** A channel with these settings, on the system clock. */
    public static EmailChannel create(EmailSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /** A channel with these settings; {@code clock} stamps the {@code Date} header and ages idle connections. */
    public static EmailChannel create(EmailSettings settings, Clock clock) {
        return new EmailChannel(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String id() {
        return ID;
    }

    /** The settings in use. */
    public EmailSettings settings() {
        return settings;
    }

    /**
     * Checks one recipient: exactly one plain RFC 5322 address (no display name, no control characters, so no
     * header injection) and only the option {@code type} = {@code to} | {@code cc} | {@code bcc}.
     *
     * @throws ReportsValidationException naming {@code recipients.destination} or
     *     {@code recipients.options.<name>}
     */
    @Override
    public void validateRecipient(Recipient recipient) {
        Objects.requireNonNull(recipient, "recipient");
        Addresses.requireValid(DESTINATION, recipient.destination());
        for (String option : new TreeMap<>(recipient.options()).keySet()) {
            if (!RecipientType.OPTION.equals(option)) {
                throw new ReportsValidationException(
                        "recipients.options." + Quoted.escape(option),
                        "unknown option for channel '" + ID + "'; known: " + RecipientType.OPTION);
            }
        }
        RecipientType.of(recipient);
    }

    /**
     * Checks the schedule's options: {@code subject} and {@code body}, each a template using only {@link
     * EmailTemplates#VARIABLES}; {@code inline_rows}, a whole number 1-{@value EmailTemplates#MAX_INLINE_ROWS};
     * {@code attach}, {@code true} or {@code false} ({@code false} only with {@code inline_rows}).
     *
     * @throws ReportsValidationException naming {@code delivery_options.<name>} and the unknown variable
     */
    @Override
    public void validateOptions(Map<String, String> options) {
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String field = OPTIONS_PREFIX + Quoted.escape(option.getKey());
            switch (option.getKey()) {
                case EmailTemplates.SUBJECT_OPTION -> Template.subject(field, option.getValue());
                case EmailTemplates.BODY_OPTION -> Template.body(field, option.getValue());
                case EmailTemplates.INLINE_ROWS_OPTION -> inlineRows(option.getValue());
                case EmailTemplates.ATTACH_OPTION -> attach(option.getValue());
                default ->
                    throw new ReportsValidationException(
                            field,
                            "unknown option for channel '" + ID + "'; known: "
                                    + String.join(", ", new java.util.TreeSet<>(OPTIONS)));
            }
        }
        if (!attach(options.get(EmailTemplates.ATTACH_OPTION))
                && inlineRows(options.get(EmailTemplates.INLINE_ROWS_OPTION)) == 0) {
            throw new ReportsValidationException(
                    OPTIONS_PREFIX + EmailTemplates.ATTACH_OPTION,
                    "false sends neither the file nor a link; set inline_rows too (1-" + EmailTemplates.MAX_INLINE_ROWS
                            + ") or leave attach out");
        }
    }

    /** The {@code inline_rows} option: the rows shown in the body, which the engine captures at generation. */
    @Override
    public int sampleRows(Map<String, String> options) {
        return inlineRows(options.get(EmailTemplates.INLINE_ROWS_OPTION));
    }

    private static int inlineRows(String value) {
        if (value == null) {
            return 0;
        }
        String field = OPTIONS_PREFIX + EmailTemplates.INLINE_ROWS_OPTION;
        try {
            int rows = Integer.parseInt(value.strip());
            if (rows >= 1 && rows <= EmailTemplates.MAX_INLINE_ROWS) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ReportsValidationException(
                field,
                "must be a whole number 1-" + EmailTemplates.MAX_INLINE_ROWS + ", was '" + Quoted.escape(value) + "'");
    }

    private static boolean attach(String value) {
        if (value == null) {
            return true;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new ReportsValidationException(
                        OPTIONS_PREFIX + EmailTemplates.ATTACH_OPTION,
                        "must be true or false, was '" + Quoted.escape(value) + "'");
        };
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) {
        InternetAddress recipient;
        try {
            recipient = Addresses.requireValid(DESTINATION, delivery.recipient().destination());
            RecipientType.of(delivery.recipient());
        } catch (ReportsValidationException e) {
            return DeliveryResult.failed(ErrorCategory.DATA, e.getMessage());
        }
        Template subject;
        Template body;
        try {
            subject = Template.subject(
                    OPTIONS_PREFIX + EmailTemplates.SUBJECT_OPTION,
                    delivery.options().getOrDefault(EmailTemplates.SUBJECT_OPTION, settings.defaultSubject()));
            body = Template.body(
                    OPTIONS_PREFIX + EmailTemplates.BODY_OPTION,
                    delivery.options().getOrDefault(EmailTemplates.BODY_OPTION, settings.defaultBody()));
        } catch (ReportsValidationException e) {
            return DeliveryResult.failed(ErrorCategory.CONFIGURATION, e.getMessage());
        }
        int inlineRows;
        boolean attach;
        try {
            inlineRows = inlineRows(delivery.options().get(EmailTemplates.INLINE_ROWS_OPTION));
            attach = attach(delivery.options().get(EmailTemplates.ATTACH_OPTION));
        } catch (ReportsValidationException e) {
            return DeliveryResult.failed(ErrorCategory.CONFIGURATION, e.getMessage());
        }
        AttachmentPlan plan;
        try {
            // attach: false sends the inline rows alone: the file is not even read
            plan = attach ? planner.plan(delivery.artifact(), delivery.scheduledFor()) : AttachmentPlan.none();
        } catch (ArtifactReadException e) {
            return DeliveryResult.failed(ErrorCategory.SYSTEM, e.getMessage());
        }
        try (plan) {
            if (plan instanceof AttachmentPlan.Refuse refused) {
                return DeliveryResult.failed(ErrorCategory.CONFIGURATION, refused.message());
            }
            MimeMessage message = composer.compose(delivery, subject, body, plan, inlineRows);
            String messageId = message.getMessageID();
            send(message, recipient);
            log.debug(
                    "Sent {} (delivery {}, attempt {}) via {}",
                    messageId,
                    delivery.deliveryId(),
                    delivery.attempt(),
                    server);
            return DeliveryResult.sent(messageId);
        } catch (MessagingException e) {
            SmtpFailure failure = classifier.classify(e);
            log.debug("Delivery {} failed: {} {}", delivery.deliveryId(), failure.category(), failure.message(), e);
            return failure.bounce()
                    ? DeliveryResult.bounced(failure.message())
                    : DeliveryResult.failed(failure.category(), failure.message());
        }
    }

    /**
     * Opens a new connection (with authentication when configured), sends NOOP and closes it; for health
     * endpoints. Does not use or disturb the pooled connections.
     */
    public EmailHealth healthCheck() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("server", server);
        details.put("security", settings.security().name());
        Transport transport = null;
        try {
            transport = connect();
            if (!transport.isConnected()) {
                throw new MessagingException("the server closed the connection after it was opened");
            }
            return new EmailHealth(true, details);
        } catch (MessagingException e) {
            SmtpFailure failure = classifier.classify(e);
            details.put("error", failure.message());
            details.put("category", failure.category().name());
            return new EmailHealth(false, details);
        } finally {
            if (transport != null) {
                pool.discard(transport);
            }
        }
    }

    /**
     * The SMTP handshake for a destination address: checks the address like a recipient, then opens a new
     * connection to the configured server (TLS and authentication as configured), says NOOP and closes it. Sends
     * no message.
     *
     * @throws ReportsValidationException naming {@code destination} when the address is invalid
     */
    @Override
    public ConnectionCheck checkConnection(String destination) {
        Addresses.requireValid("destination", destination);
        return checkConfiguration();
    }

    /**
     * The SMTP handshake without a destination: opens a new connection to the configured server (TLS and
     * authentication as configured), says NOOP and closes it. Sends no message; a refused password is a
     * {@code CONFIGURATION} failure that names the settings, never the password.
     */
    @Override
    public ConnectionCheck checkConfiguration() {
        EmailHealth health = healthCheck();
        Map<String, String> details = new LinkedHashMap<>(health.details());
        if (health.up()) {
            return ConnectionCheck.ok("SMTP server " + server + " accepted the connection", details);
        }
        String error = details.remove("error");
        details.remove("category");
        return ConnectionCheck.failed(
                ErrorCategory.valueOf(health.details().get("category")),
                error == null ? "SMTP server " + server + " failed the check" : error,
                details);
    }

    /** Closes idle connections and the write-timeout thread. Deliveries after this fail. */
    @Override
    public void close() {
        pool.close();
        writeTimeouts.shutdownNow();
    }

    @Override
    public String toString() {
        return "EmailChannel[" + settings + "]";
    }

    private void send(MimeMessage message, InternetAddress recipient) throws MessagingException {
        Transport transport = pool.borrow();
        try {
            transport.sendMessage(message, new Address[] {recipient});
        } catch (MessagingException | RuntimeException e) {
            pool.discard(transport);
            throw e;
        }
        pool.giveBack(transport);
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        transport.connect(
                settings.host(),
                settings.port(),
                settings.username().orElse(null),
                settings.password().orElse(null));
        return transport;
    }
}
