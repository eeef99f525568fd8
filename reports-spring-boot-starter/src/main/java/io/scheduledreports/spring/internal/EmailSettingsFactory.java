package io.scheduledreports.spring.internal;

import io.scheduledreports.delivery.email.EmailSettings;
import io.scheduledreports.delivery.email.SmtpSecurity;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spring.ScheduledReportsProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Builds {@link EmailSettings} from {@code scheduled-reports.email.*}, or, when its host is not set, takes the
 * server from Boot's {@code spring.mail.*} (host, port, username, password, protocol, properties) and the rest
 * (sender, limits, templates) from {@code scheduled-reports.email.*}.
 */
public final class EmailSettingsFactory {

    private static final String OURS = "scheduled-reports.email.";
    private static final String SPRING = "spring.mail.";
    private static final Set<String> SERVER_FIELDS = Set.of("host", "port", "username", "password");

    private EmailSettingsFactory() {}

    /** Whether a mail server is configured in either place. */
    public static boolean isConfigured(Environment environment) {
        return hasText(environment.getProperty(OURS + "host")) || hasText(environment.getProperty(SPRING + "host"));
    }

    /**
     * Builds the settings.
     *
     * @throws InvalidPropertyException naming the property with a refused value
     */
    public static EmailSettings create(ScheduledReportsProperties.Email email, Environment environment) {
        boolean fromSpringMail = !hasText(email.getHost());
        SpringMail spring = fromSpringMail ? SpringMail.bind(environment) : null;
        try {
            EmailSettings.Builder b = EmailSettings.builder();
            if (fromSpringMail) {
                b.host(spring.host);
                if (spring.port != null) {
                    b.port(spring.port);
                }
                if (spring.username != null) {
                    b.username(spring.username);
                }
                if (spring.password != null) {
                    b.password(spring.password);
                }
                spring.properties.forEach((k, v) -> {
                    if (k.startsWith("mail.")) {
                        b.sessionProperty(k, v);
                    }
                });
                SmtpSecurity security = email.getSecurity() != null
                        ? SmtpSecurity.valueOf(email.getSecurity().name())
                        : spring.security();
                if (spring.username != null
                        && (security == SmtpSecurity.NONE || security == SmtpSecurity.STARTTLS_OPTIONAL)) {
                    throw new InvalidPropertyException(
                            SPRING + "username",
                            "credentials are never sent without TLS, but the connection would be " + security
                                    + "; use spring.mail.protocol=smtps or"
                                    + " spring.mail.properties.mail.smtp.starttls.required=true, or drop the username",
                            null);
                }
                b.security(security);
            } else {
                b.host(email.getHost());
                if (email.getPort() != null) {
                    b.port(email.getPort());
                }
                if (email.getUsername() != null) {
                    b.username(email.getUsername());
                }
                if (email.getPassword() != null) {
                    b.password(email.getPassword());
                }
                if (email.getSecurity() != null) {
                    b.security(SmtpSecurity.valueOf(email.getSecurity().name()));
                }
            }
            b.connectTimeout(email.getConnectTimeout());
            b.readTimeout(email.getReadTimeout());
            b.writeTimeout(email.getWriteTimeout());
            String from = email.getFrom();
            if (!hasText(from) && fromSpringMail) {
                from = spring.properties.get("mail.smtp.from");
            }
            if (!hasText(from)) {
                throw new InvalidPropertyException(
                        OURS + "from",
                        "is required: the sender address of report e-mails, e.g. reports@example.com",
                        null);
            }
            b.from(from);
            b.fromName(email.getFromName());
            b.replyTo(email.getReplyTo());
            if (email.getMaxAttachmentSize() != null) {
                b.maxAttachmentSize(email.getMaxAttachmentSize().toBytes());
            }
            b.compressAttachments(email.isCompressAttachments());
            b.maxIdleConnections(email.getMaxIdleConnections());
            b.connectionIdleTimeout(email.getConnectionIdleTimeout());
            if (email.getDefaultSubject() != null) {
                b.defaultSubject(email.getDefaultSubject());
            }
            if (email.getDefaultBody() != null) {
                b.defaultBody(email.getDefaultBody());
            }
            email.getProperties().forEach(b::sessionProperty);
            return b.build();
        } catch (InvalidPropertyException e) {
            throw e;
        } catch (ReportsValidationException e) {
            throw new InvalidPropertyException(
                    propertyOf(e.field(), fromSpringMail), InvalidPropertyException.problemOf(e), e);
        }
    }

    /** The property behind one of EmailSettings' field names ({@code email.port} and the like). */
    static String propertyOf(String field, boolean fromSpringMail) {
        String name = field.startsWith("email.") ? field.substring("email.".length()) : field;
        if (name.startsWith("session-properties")) {
            return (fromSpringMail ? SPRING : OURS) + "properties";
        }
        if (fromSpringMail && SERVER_FIELDS.contains(name)) {
            return SPRING + name;
        }
        return OURS + name;
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /** The parts of {@code spring.mail.*} that describe the server. */
    private record SpringMail(
            String host,
            Integer port,
            String username,
            String password,
            String protocol,
            Map<String, String> properties) {

        static SpringMail bind(Environment environment) {
            Binder binder = Binder.get(environment);
            return new SpringMail(
                    binder.bind(SPRING + "host", String.class).orElse(null),
                    binder.bind(SPRING + "port", Integer.class).orElse(null),
                    binder.bind(SPRING + "username", String.class).orElse(null),
                    binder.bind(SPRING + "password", String.class).orElse(null),
                    binder.bind(SPRING + "protocol", String.class).orElse("smtp"),
                    binder.bind(SPRING + "properties", Bindable.mapOf(String.class, String.class))
                            .orElse(new LinkedHashMap<>()));
        }

        /**
         * The security the settings ask for. Without any, STARTTLS is required (the library's own default, where a
         * JavaMailSender would talk in clear); STARTTLS "enabled" becomes required when credentials are sent, and
         * plain text needs {@code mail.smtp.starttls.enable=false} explicitly.
         */
        SmtpSecurity security() {
            if ("smtps".equalsIgnoreCase(protocol)) {
                return SmtpSecurity.SMTPS;
            }
            if ("true".equalsIgnoreCase(properties.get("mail.smtp.starttls.required"))) {
                return SmtpSecurity.STARTTLS_REQUIRED;
            }
            String enable = properties.get("mail.smtp.starttls.enable");
            if ("true".equalsIgnoreCase(enable)) {
                return username == null ? SmtpSecurity.STARTTLS_OPTIONAL : SmtpSecurity.STARTTLS_REQUIRED;
            }
            if ("false".equalsIgnoreCase(enable)) {
                return SmtpSecurity.NONE;
            }
            return SmtpSecurity.STARTTLS_REQUIRED;
        }
    }
}
