package io.scheduledreports.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SFTP channel ({@code scheduled-reports.sftp.*}), active when {@code reports-delivery-sftp} is on the classpath
 * and at least one connection is configured. Defaults equal {@code SftpSettings.DEFAULT_*}; a test keeps them in
 * step. Credentials are never properties here: a connection names its secrets, which the host's
 * {@code SecretResolver} bean (or, without one, the property {@code scheduled-reports.secrets.<name>}) resolves.
 *
 * <pre>
 * scheduled-reports.sftp.connections.finance.host=sftp.example.com
 * scheduled-reports.sftp.connections.finance.username=reports
 * scheduled-reports.sftp.connections.finance.password-secret=finance-sftp-password
 * scheduled-reports.sftp.connections.finance.host-key=SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8
 * </pre>
 */
@ConfigurationProperties("scheduled-reports.sftp")
public class ScheduledReportsSftpProperties {

    /** Whether the SFTP channel is auto-configured when connections are configured. */
    private boolean enabled = true;

    /** Maximum time to connect and finish the SSH key exchange (1ms to 1h). */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Maximum time for the server to accept or refuse the credentials (1ms to 1h). */
    private Duration authTimeout = Duration.ofSeconds(10);

    /** Maximum time the server may stay silent during a transfer (1ms to 1h). */
    private Duration ioTimeout = Duration.ofSeconds(60);

    /** How long the health endpoint reuses the last login check of each connection. */
    private Duration healthCacheTtl = Duration.ofMinutes(1);

    /** Connections by name; destinations refer to them as sftp://name/directory. */
    private Map<String, Connection> connections = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getAuthTimeout() {
        return authTimeout;
    }

    public void setAuthTimeout(Duration authTimeout) {
        this.authTimeout = authTimeout;
    }

    public Duration getIoTimeout() {
        return ioTimeout;
    }

    public void setIoTimeout(Duration ioTimeout) {
        this.ioTimeout = ioTimeout;
    }

    public Duration getHealthCacheTtl() {
        return healthCacheTtl;
    }

    public void setHealthCacheTtl(Duration healthCacheTtl) {
        this.healthCacheTtl = healthCacheTtl;
    }

    public Map<String, Connection> getConnections() {
        return connections;
    }

    public void setConnections(Map<String, Connection> connections) {
        this.connections = connections;
    }

    /** One SFTP account. */
    public static class Connection {

        /** Host name or address of the SFTP server. */
        private String host;

        /** TCP port of the SFTP server. */
        private int port = 22;

        /** The account's user name. */
        private String username;

        /** Name of the secret holding the password (exactly one of this and private-key-secret). */
        private String passwordSecret;

        /** Name of the secret holding the private key, OpenSSH or PEM text. */
        private String privateKeySecret;

        /** Name of the secret holding the private key's passphrase, if it has one. */
        private String privateKeyPassphraseSecret;

        /**
         * The server's pinned host key: its public key as ssh-keyscan prints it, or its SHA-256 fingerprint
         * ("SHA256:..."). A server presenting any other key is refused.
         */
        private String hostKey;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPasswordSecret() {
            return passwordSecret;
        }

        public void setPasswordSecret(String passwordSecret) {
            this.passwordSecret = passwordSecret;
        }

        public String getPrivateKeySecret() {
            return privateKeySecret;
        }

        public void setPrivateKeySecret(String privateKeySecret) {
            this.privateKeySecret = privateKeySecret;
        }

        public String getPrivateKeyPassphraseSecret() {
            return privateKeyPassphraseSecret;
        }

        public void setPrivateKeyPassphraseSecret(String privateKeyPassphraseSecret) {
            this.privateKeyPassphraseSecret = privateKeyPassphraseSecret;
        }

        public String getHostKey() {
            return hostKey;
        }

        public void setHostKey(String hostKey) {
            this.hostKey = hostKey;
        }
    }
}
