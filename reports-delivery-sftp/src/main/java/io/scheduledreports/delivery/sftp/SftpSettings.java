package io.scheduledreports.delivery.sftp;

import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.SecretResolver;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of an {@link SftpChannel}: the named connections, the {@link SecretResolver} that turns their
 * secret names into credentials, and timeouts. Build with {@link #builder()}; setters check at once and name the
 * setting ({@code sftp.connect-timeout: must be between 1ms and 1h, was 0s}).
 *
 * <pre>{@code
 * SftpSettings settings = SftpSettings.builder()
 *         .connection(SftpConnection.withPassword(
 *                 "finance", "sftp.example.com", 22, "reports", "finance-sftp-password",
 *                 "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"))
 *         .secrets(SecretResolver.environment("REPORTS_SECRET_"))
 *         .build();
 * }</pre>
 */
public final class SftpSettings {

    /** Maximum time to open the TCP connection and finish the SSH key exchange: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Maximum time for the server to accept or refuse the credentials: 10 seconds. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);

    /** Maximum time the server may stay silent during the upload: 60 seconds. */
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(60);

    /** Longest timeout accepted: 1 hour. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private final Map<String, SftpConnection> connections;
    private final SecretResolver secrets;
    private final Duration connectTimeout;
    private final Duration authTimeout;
    private final Duration ioTimeout;

    private SftpSettings(Builder b) {
        this.connections = Collections.unmodifiableMap(new LinkedHashMap<>(b.connections));
        this.secrets = b.secrets;
        this.connectTimeout = b.connectTimeout;
        this.authTimeout = b.authTimeout;
        this.ioTimeout = b.ioTimeout;
    }

    /** A new builder with the defaults and no connection. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings (connections, secrets and timeouts). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connections.putAll(connections);
        b.secrets = secrets;
        b.connectTimeout = connectTimeout;
        b.authTimeout = authTimeout;
        b.ioTimeout = ioTimeout;
        return b;
    }

    /** The connections by name, in the order they were added. */
    public Map<String, SftpConnection> connections() {
        return connections;
    }

    /** A connection by name. */
    public Optional<SftpConnection> connection(String name) {
        return Optional.ofNullable(connections.get(name));
    }

    /** Where secret names resolve. */
    public SecretResolver secrets() {
        return secrets;
    }

    /** Maximum time to connect and finish the key exchange. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Maximum time for authentication. */
    public Duration authTimeout() {
        return authTimeout;
    }

    /** Maximum silence of the server during a transfer. */
    public Duration ioTimeout() {
        return ioTimeout;
    }

    @Override
    public String toString() {
        return "SftpSettings[connections=" + connections.keySet() + ", connectTimeout=" + connectTimeout
                + ", authTimeout=" + authTimeout + ", ioTimeout=" + ioTimeout + "]";
    }

    /** Builds {@link SftpSettings}; not thread-safe. */
    public static final class Builder {
        private final Map<String, SftpConnection> connections = new LinkedHashMap<>();
        private SecretResolver secrets = SecretResolver.none();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
        private Duration ioTimeout = DEFAULT_IO_TIMEOUT;

        private Builder() {}

        /**
         * Adds a connection.
         *
         * @throws ReportsValidationException naming {@code sftp.connections.<name>} when the name is taken
         */
        public Builder connection(SftpConnection connection) {
            Objects.requireNonNull(connection, "connection");
            if (connections.containsKey(connection.name())) {
                throw new ReportsValidationException(
                        "sftp.connections." + connection.name(), "a connection of this name was already added");
            }
            connections.put(connection.name(), connection);
            return this;
        }

        /** Where the connections' secret names resolve (default: {@link SecretResolver#none()}). */
        public Builder secrets(SecretResolver secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /** Maximum time to connect and finish the key exchange (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checkTimeout("sftp.connect-timeout", timeout);
            return this;
        }

        /** Maximum time for authentication (default 10 s). */
        public Builder authTimeout(Duration timeout) {
            this.authTimeout = checkTimeout("sftp.auth-timeout", timeout);
            return this;
        }

        /** Maximum silence of the server during a transfer (default 60 s). */
        public Builder ioTimeout(Duration timeout) {
            this.ioTimeout = checkTimeout("sftp.io-timeout", timeout);
            return this;
        }

        /** The settings. */
        public SftpSettings build() {
            return new SftpSettings(this);
        }

        private static Duration checkTimeout(String field, Duration value) {
            if (value == null || value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
                throw new ReportsValidationException(
                        field, "must be between 1ms and 1h, was " + Durations.format(value));
            }
            return value;
        }
    }
}
