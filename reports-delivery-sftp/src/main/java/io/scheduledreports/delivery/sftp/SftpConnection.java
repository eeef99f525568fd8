package io.scheduledreports.delivery.sftp;

import io.scheduledreports.delivery.sftp.internal.HostKeyPin;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One SFTP server account that destinations refer to by {@link #name()}: {@code sftp://<name>/<directory>}.
 *
 * <p>Credentials are never held here, only the <em>names</em> of secrets that the channel's
 * {@link io.scheduledreports.spi.SecretResolver} turns into values at connect time: exactly one of
 * {@link #passwordSecret()} (a password) and {@link #privateKeySecret()} (an OpenSSH or PEM private key, text).
 *
 * <p>The server's host key is pinned: {@link #hostKey()} is either its public key as in {@code known_hosts} or
 * {@code ssh-keyscan} output ({@code ecdsa-sha2-nistp256 AAAA...}) or its SHA-256 fingerprint as
 * {@code ssh-keygen -lf} prints it ({@code SHA256:...}). A server that presents any other key is refused.
 *
 * @param name the connection's name, {@code [A-Za-z0-9_-]}, 1-64 characters
 * @param host host name or IP address
 * @param port TCP port, 1-65535 (22 by convention)
 * @param username the account
 * @param passwordSecret name of the secret holding the password, or null
 * @param privateKeySecret name of the secret holding the private key, or null
 * @param privateKeyPassphraseSecret name of the secret holding the private key's passphrase, or null
 * @param hostKey the pinned host key or its SHA-256 fingerprint
 */
public record SftpConnection(
        String name,
        String host,
        int port,
        String username,
        String passwordSecret,
        String privateKeySecret,
        String privateKeyPassphraseSecret,
        String hostKey) {

    /** The SSH port: 22. */
    public static final int DEFAULT_PORT = 22;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]{1,253}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** Validates the connection; messages name {@code sftp.connections.<name>.<field>}. */
    public SftpConnection {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ReportsValidationException(
                    "sftp.connections", "a connection name must match [A-Za-z0-9_-]{1,64}, was " + quote(name));
        }
        String prefix = "sftp.connections." + name + ".";
        if (host == null || !HOST.matcher(host).matches()) {
            throw new ReportsValidationException(prefix + "host", "must be a host name or address, was " + quote(host));
        }
        if (port < 1 || port > 65535) {
            throw new ReportsValidationException(prefix + "port", "must be 1-65535, was " + port);
        }
        if (username == null || username.isBlank() || username.chars().anyMatch(Character::isISOControl)) {
            throw new ReportsValidationException(
                    prefix + "username", "must be a non-blank user name, was " + quote(username));
        }
        checkSecretName(prefix + "password-secret", passwordSecret);
        checkSecretName(prefix + "private-key-secret", privateKeySecret);
        checkSecretName(prefix + "private-key-passphrase-secret", privateKeyPassphraseSecret);
        if ((passwordSecret == null) == (privateKeySecret == null)) {
            throw new ReportsValidationException(
                    prefix + "password-secret",
                    "exactly one of password-secret and private-key-secret must be set, was "
                            + (passwordSecret == null ? "neither" : "both"));
        }
        if (privateKeyPassphraseSecret != null && privateKeySecret == null) {
            throw new ReportsValidationException(
                    prefix + "private-key-passphrase-secret", "needs private-key-secret, which is not set");
        }
        HostKeyPin.parse(prefix + "host-key", hostKey);
    }

    /** A connection that logs in with a password (by secret name). */
    public static SftpConnection withPassword(
            String name, String host, int port, String username, String passwordSecret, String hostKey) {
        return new SftpConnection(name, host, port, username, passwordSecret, null, null, hostKey);
    }

    /** A connection that logs in with a private key (by secret name), optionally protected by a passphrase. */
    public static SftpConnection withPrivateKey(
            String name,
            String host,
            int port,
            String username,
            String privateKeySecret,
            String privateKeyPassphraseSecret,
            String hostKey) {
        return new SftpConnection(
                name, host, port, username, null, privateKeySecret, privateKeyPassphraseSecret, hostKey);
    }

    /** The names of the secrets this connection needs. */
    public List<String> secretNames() {
        return java.util.stream.Stream.of(passwordSecret, privateKeySecret, privateKeyPassphraseSecret)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** The password's secret name, if the connection logs in with a password. */
    public Optional<String> password() {
        return Optional.ofNullable(passwordSecret);
    }

    /** {@code host:port}. */
    public String address() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        // secret names are not secrets, but nothing here needs them
        return "SftpConnection[" + name + " " + username + "@" + address() + "]";
    }

    private static void checkSecretName(String field, String value) {
        if (value != null && !SECRET.matcher(value).matches()) {
            throw new ReportsValidationException(
                    field, "must be a secret name matching [A-Za-z0-9._-]{1,200}, was " + quote(value));
        }
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
