package io.scheduledreports.delivery.email;

import io.scheduledreports.delivery.email.internal.Addresses;
import io.scheduledreports.delivery.email.internal.Quoted;
import io.scheduledreports.delivery.email.internal.Template;
import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Immutable settings of an {@link EmailChannel}. Build with {@link #builder()}; every setter checks its value
 * at once and names the setting ({@code email.port: must be 1-65535, was 0}).
 *
 * <pre>{@code
 * EmailSettings settings = EmailSettings.builder()
 *         .host("smtp.example.com")
 *         .username("reports@example.com")
 *         .password(System.getenv("SMTP_PASSWORD"))
 *         .from("reports@example.com")
 *         .fromName("Example Reports")
 *         .build();
 * }</pre>
 */
public final class EmailSettings {

    /** Port for every security mode but {@link SmtpSecurity#SMTPS}: 587, mail submission. */
    public static final int DEFAULT_PORT = 587;

    /** Port for {@link SmtpSecurity#SMTPS}: 465. */
    public static final int DEFAULT_SMTPS_PORT = 465;

    /** Security unless configured otherwise: {@link SmtpSecurity#STARTTLS_REQUIRED}. */
    public static final SmtpSecurity DEFAULT_SECURITY = SmtpSecurity.STARTTLS_REQUIRED;

    /** Maximum time to open the TCP connection: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Maximum time to wait for each server reply: 30 seconds. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /** Maximum time for each write to the server: 30 seconds. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    /** Largest file attached rather than linked: 10 MB (10 * 1024 * 1024 bytes, before base64). */
    public static final long DEFAULT_MAX_ATTACHMENT_SIZE = 10L * 1024 * 1024;

    /** Whether attachments are zipped before the size check: no. */
    public static final boolean DEFAULT_COMPRESS_ATTACHMENTS = false;

    /** Maximum open connections kept idle for the next delivery: 2. */
    public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 2;

    /** How long an idle connection is kept for reuse: 30 seconds. */
    public static final Duration DEFAULT_CONNECTION_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** Longest timeout accepted: 1 hour. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** Longest idle time accepted: 5 minutes, the shortest idle timeout RFC 5321 allows servers. */
    public static final Duration MAX_CONNECTION_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** Most idle connections accepted. */
    public static final int MAX_IDLE_CONNECTIONS_LIMIT = 64;

    static final String PREFIX = "email.";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]{1,253}");

    private final String host;
    private final Integer port;
    private final SmtpSecurity security;
    private final String username;
    private final String password;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final String from;
    private final String fromName;
    private final String replyTo;
    private final long maxAttachmentSize;
    private final boolean compressAttachments;
    private final int maxIdleConnections;
    private final Duration connectionIdleTimeout;
    private final String defaultSubject;
    private final String defaultBody;
    private final Map<String, String> sessionProperties;

    private EmailSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.security = b.security;
        this.username = b.username;
        this.password = b.password;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.from = b.from;
        this.fromName = b.fromName;
        this.replyTo = b.replyTo;
        this.maxAttachmentSize = b.maxAttachmentSize;
        this.compressAttachments = b.compressAttachments;
        this.maxIdleConnections = b.maxIdleConnections;
        this.connectionIdleTimeout = b.connectionIdleTimeout;
        this.defaultSubject = b.defaultSubject;
        this.defaultBody = b.defaultBody;
        this.sessionProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.sessionProperties));
    }

    /** A builder with the defaults; {@code host} and {@code from} have none and must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive changed settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.security = security;
        b.username = username;
        b.password = password;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.from = from;
        b.fromName = fromName;
        b.replyTo = replyTo;
        b.maxAttachmentSize = maxAttachmentSize;
        b.compressAttachments = compressAttachments;
        b.maxIdleConnections = maxIdleConnections;
        b.connectionIdleTimeout = connectionIdleTimeout;
        b.defaultSubject = defaultSubject;
        b.defaultBody = defaultBody;
        b.sessionProperties.putAll(sessionProperties);
        return b;
    }

    /** SMTP server host name or IP address. */
    public String host() {
        return host;
    }

    /** SMTP server port: as set, or {@link #DEFAULT_SMTPS_PORT} for SMTPS and {@link #DEFAULT_PORT} otherwise. */
    public int port() {
        if (port != null) {
            return port;
        }
        return security == SmtpSecurity.SMTPS ? DEFAULT_SMTPS_PORT : DEFAULT_PORT;
    }

    /** How the connection is protected. */
    public SmtpSecurity security() {
        return security;
    }

    /** User name for SMTP authentication; empty when the server is used without authentication. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** Password for SMTP authentication; empty when none. Never logged or printed. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Maximum time to open the TCP connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Maximum time to wait for each server reply. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Maximum time for each write to the server. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Sender address ({@code From} header and SMTP envelope sender). */
    public String from() {
        return from;
    }

    /** Display name shown with the sender address; empty when none. */
    public Optional<String> fromName() {
        return Optional.ofNullable(fromName);
    }

    /** {@code Reply-To} address; empty when none. */
    public Optional<String> replyTo() {
        return Optional.ofNullable(replyTo);
    }

    /** Largest file, in bytes, that is attached; larger ones are linked. 0 means always link. */
    public long maxAttachmentSize() {
        return maxAttachmentSize;
    }

    /** Whether files are zipped before they are compared with {@link #maxAttachmentSize()} and attached. */
    public boolean compressAttachments() {
        return compressAttachments;
    }

    /** Maximum open connections kept idle for reuse; 0 opens a connection per delivery. */
    public int maxIdleConnections() {
        return maxIdleConnections;
    }

    /** How long an idle connection is kept for reuse; zero opens a connection per delivery. */
    public Duration connectionIdleTimeout() {
        return connectionIdleTimeout;
    }

    /** Subject template for schedules without a {@code subject} option. */
    public String defaultSubject() {
        return defaultSubject;
    }

    /** Body template for schedules without a {@code body} option. */
    public String defaultBody() {
        return defaultBody;
    }

    /** Extra Jakarta Mail session properties, applied after (and so over) the ones derived from the settings. */
    public Map<String, String> sessionProperties() {
        return sessionProperties;
    }

    @Override
    public String toString() {
        return "EmailSettings[host=" + host + ", port=" + port() + ", security=" + security + ", username="
                + username + ", password=" + (password == null ? "none" : "******") + ", from=" + from
                + ", maxAttachmentSize=" + maxAttachmentSize + ", compressAttachments=" + compressAttachments
                + ", maxIdleConnections=" + maxIdleConnections + ", connectionIdleTimeout=" + connectionIdleTimeout
                + "]";
    }

    /** Builds {@link EmailSettings}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private String host;
        private Integer port;
        private SmtpSecurity security = DEFAULT_SECURITY;
        private String username;
        private String password;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private String from;
        private String fromName;
        private String replyTo;
        private long maxAttachmentSize = DEFAULT_MAX_ATTACHMENT_SIZE;
        private boolean compressAttachments = DEFAULT_COMPRESS_ATTACHMENTS;
        private int maxIdleConnections = DEFAULT_MAX_IDLE_CONNECTIONS;
        private Duration connectionIdleTimeout = DEFAULT_CONNECTION_IDLE_TIMEOUT;
        private String defaultSubject = EmailTemplates.DEFAULT_SUBJECT;
        private String defaultBody = EmailTemplates.DEFAULT_BODY;
        private final Map<String, String> sessionProperties = new LinkedHashMap<>();

        private Builder() {}

        /** SMTP server host name or IP address. Required. */
        public Builder host(String host) {
            if (host == null || !HOST.matcher(host).matches()) {
                throw new ReportsValidationException(
                        PREFIX + "host", "must be a host name or IP address, was " + Quoted.of(host));
            }
            this.host = host;
            return this;
        }

        /** SMTP server port, 1-65535; default 587, or 465 for {@link SmtpSecurity#SMTPS}. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new ReportsValidationException(PREFIX + "port", "must be 1-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** How the connection is protected; default {@link #DEFAULT_SECURITY}. */
        public Builder security(SmtpSecurity security) {
            if (security == null) {
                throw new ReportsValidationException(
                        PREFIX + "security", "must be one of NONE, STARTTLS_OPTIONAL, STARTTLS_REQUIRED, SMTPS");
            }
            this.security = security;
            return this;
        }

        /** User name for SMTP authentication; null for none. Set together with {@link #password}. */
        public Builder username(String username) {
            if (username != null) {
                Quoted.requireNoControlCharacters(PREFIX + "username", username);
                if (username.isBlank()) {
                    throw new ReportsValidationException(PREFIX + "username", "must not be blank; use null for none");
                }
            }
            this.username = username;
            return this;
        }

        /** Password for SMTP authentication; null for none. */
        public Builder password(String password) {
            if (password != null && password.isEmpty()) {
                throw new ReportsValidationException(PREFIX + "password", "must not be empty; use null for none");
            }
            this.password = password;
            return this;
        }

        /** Maximum time to open the TCP connection; positive, at most 1 hour; default 10 seconds. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout(PREFIX + "connect-timeout", timeout);
            return this;
        }

        /** Maximum time to wait for each server reply; positive, at most 1 hour; default 30 seconds. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout(PREFIX + "read-timeout", timeout);
            return this;
        }

        /** Maximum time for each write to the server; positive, at most 1 hour; default 30 seconds. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout(PREFIX + "write-timeout", timeout);
            return this;
        }

        /** Sender address, a plain {@code name@example.com}. Required. */
        public Builder from(String address) {
            this.from = Addresses.requireValid(PREFIX + "from", address).getAddress();
            return this;
        }

        /** Display name shown with the sender; null for none. */
        public Builder fromName(String name) {
            if (name != null) {
                Quoted.requireNoControlCharacters(PREFIX + "from-name", name);
                if (name.length() > 200) {
                    throw new ReportsValidationException(
                            PREFIX + "from-name", "must be at most 200 characters, was " + name.length());
                }
            }
            this.fromName = name == null || name.isBlank() ? null : name.strip();
            return this;
        }

        /** {@code Reply-To} address, a plain {@code name@example.com}; null for none. */
        public Builder replyTo(String address) {
            this.replyTo = address == null
                    ? null
                    : Addresses.requireValid(PREFIX + "reply-to", address).getAddress();
            return this;
        }

        /**
         * Largest file, in bytes, that is attached; larger ones are sent as a download link. 0 always links.
         * Compared before base64 encoding, which adds about a third on the wire. Default 10 MB.
         */
        public Builder maxAttachmentSize(long bytes) {
            if (bytes < 0) {
                throw new ReportsValidationException(
                        PREFIX + "max-attachment-size", "must be 0 (always link) or more bytes, was " + bytes);
            }
            this.maxAttachmentSize = bytes;
            return this;
        }

        /**
         * Whether files are zipped before they are compared with the attachment limit and attached (files that
         * are compressed already, zip, gzip and xlsx, are attached as they are). Default false.
         */
        public Builder compressAttachments(boolean compress) {
            this.compressAttachments = compress;
            return this;
        }

        /** Maximum open connections kept idle for reuse, 0-64; 0 opens a connection per delivery. Default 2. */
        public Builder maxIdleConnections(int count) {
            if (count < 0 || count > MAX_IDLE_CONNECTIONS_LIMIT) {
                throw new ReportsValidationException(
                        PREFIX + "max-idle-connections", "must be 0-" + MAX_IDLE_CONNECTIONS_LIMIT + ", was " + count);
            }
            this.maxIdleConnections = count;
            return this;
        }

        /** How long an idle connection is kept for reuse, 0 to 5 minutes; zero disables reuse. Default 30s. */
        public Builder connectionIdleTimeout(Duration timeout) {
            String field = PREFIX + "connection-idle-timeout";
            if (timeout == null) {
                throw new ReportsValidationException(field, "must not be null");
            }
            if (timeout.isNegative() || timeout.compareTo(MAX_CONNECTION_IDLE_TIMEOUT) > 0) {
                throw new ReportsValidationException(
                        field,
                        "must be 0 to " + Durations.format(MAX_CONNECTION_IDLE_TIMEOUT) + ", was "
                                + Durations.format(timeout));
            }
            this.connectionIdleTimeout = timeout;
            return this;
        }

        /** Subject template for schedules without a {@code subject} option; see {@link EmailTemplates}. */
        public Builder defaultSubject(String template) {
            Template.subject(PREFIX + "default-subject", template);
            this.defaultSubject = template;
            return this;
        }

        /** Body template for schedules without a {@code body} option; see {@link EmailTemplates}. */
        public Builder defaultBody(String template) {
            Template.body(PREFIX + "default-body", template);
            this.defaultBody = template;
            return this;
        }

        /**
         * An extra Jakarta Mail session property, for what the settings do not cover (e.g.
         * {@code mail.smtp.ssl.trust} for a relay with a private certificate, {@code mail.smtp.localhost}).
         * Applied after the derived properties, so it wins.
         *
         * @param name property name, starting with {@code mail.}
         * @param value the value; null removes the property
         */
        public Builder sessionProperty(String name, String value) {
            if (name == null || !name.startsWith("mail.") || name.length() < 6) {
                throw new ReportsValidationException(
                        PREFIX + "session-properties", "name must start with 'mail.', was " + Quoted.of(name));
            }
            if (value == null) {
                sessionProperties.remove(name);
            } else {
                Quoted.requireNoControlCharacters(PREFIX + "session-properties." + name, value);
                sessionProperties.put(name, value);
            }
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws ReportsValidationException naming the setting when {@code host} or {@code from} is missing,
         *     or only one of {@code username} and {@code password} is set
         */
        public EmailSettings build() {
            if (host == null) {
                throw new ReportsValidationException(PREFIX + "host", "is required");
            }
            if (from == null) {
                throw new ReportsValidationException(PREFIX + "from", "is required");
            }
            if (username != null && password == null) {
                throw new ReportsValidationException(PREFIX + "password", "is required when a username is set");
            }
            if (password != null && username == null) {
                throw new ReportsValidationException(PREFIX + "username", "is required when a password is set");
            }
            return new EmailSettings(this);
        }

        private static Duration timeout(String field, Duration timeout) {
            if (timeout == null) {
                throw new ReportsValidationException(field, "must not be null");
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new ReportsValidationException(
                        field,
                        "must be positive and at most " + Durations.format(MAX_TIMEOUT) + ", was "
                                + Durations.format(timeout));
            }
            if (timeout.toMillis() < 1) {
                throw new ReportsValidationException(field, "must be at least 1ms, was " + Durations.format(timeout));
            }
            return timeout;
        }
    }
}
