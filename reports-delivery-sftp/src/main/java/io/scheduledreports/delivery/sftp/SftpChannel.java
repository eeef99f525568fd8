package io.scheduledreports.delivery.sftp;

import io.scheduledreports.delivery.sftp.internal.RemoteNames;
import io.scheduledreports.delivery.sftp.internal.Sessions;
import io.scheduledreports.delivery.sftp.internal.SftpDestination;
import io.scheduledreports.delivery.sftp.internal.SftpFailure;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CopyMode;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers reports to SFTP servers (Apache MINA SSHD). Destinations are {@code sftp://<connection>/<directory>}
 * where the connection is one of {@link SftpSettings#connections()}; the directory is relative to the login
 * directory, or absolute after a second slash ({@code sftp://archive//srv/reports}). The directory must exist.
 *
 * <p>Each delivery opens a session, checks the server's key against the connection's pin (any other key is
 * refused, never learnt), logs in, writes the file under a hidden temporary name ({@code .<name>.part}) and then
 * renames it over the target, so readers never see a partial file. The target name carries the execution id
 * ({@code weekly-sales-2026-02-16-<execution>.csv}): a retry or a repeated delivery overwrites the same file.
 *
 * <p>Failures: refused host key or credentials, missing secret, missing or read-only directory →
 * CONFIGURATION (not retried); refused connection or lost session → NETWORK, timeouts → TIMEOUT (retried).
 *
 * <p>Thread-safe; {@link #close()} it when the host shuts down.
 */
public final class SftpChannel implements DeliveryChannel, AutoCloseable {

    /** The channel id, used in recipients' {@code channel}. */
    public static final String ID = "sftp";

    private static final Logger log = LoggerFactory.getLogger(SftpChannel.class);
    private static final String DESTINATION = "recipients.destination";

    private final SftpSettings settings;
    private final Sessions sessions;

    private SftpChannel(SftpSettings settings) {
        this.settings = settings;
        this.sessions = new Sessions(settings);
    }

    /** A channel with these settings; starts the SSH client's I/O threads. */
    public static SftpChannel create(SftpSettings settings) {
        return new SftpChannel(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public String id() {
        return ID;
    }

    /** The settings in use. */
    public SftpSettings settings() {
        return settings;
    }

    /**
     * Checks one recipient: a destination {@code sftp://<connection>/<directory>} naming a configured connection
     * whose secrets resolve, and no options.
     *
     * @throws ReportsValidationException naming {@code recipients.destination} or {@code recipients.options.<name>}
     */
    @Override
    public void validateRecipient(Recipient recipient) {
        Objects.requireNonNull(recipient, "recipient");
        connectionOf(DESTINATION, recipient.destination());
        for (String option : new TreeMap<>(recipient.options()).keySet()) {
            throw new ReportsValidationException(
                    "recipients.options." + option, "channel '" + ID + "' takes no recipient options");
        }
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) {
        SftpDestination destination;
        SftpConnection connection;
        try {
            destination =
                    SftpDestination.parse(DESTINATION, delivery.recipient().destination());
            connection = connectionOf(DESTINATION, delivery.recipient().destination());
        } catch (ReportsValidationException e) {
            return DeliveryResult.failed(ErrorCategory.CONFIGURATION, e.getMessage());
        }
        String target = RemoteNames.target(delivery.artifact().fileName(), delivery.executionId());
        String where = where(connection);
        InputStream artifact;
        try {
            artifact = delivery.artifact().open();
        } catch (IOException e) {
            return DeliveryResult.failed(
                    ErrorCategory.SYSTEM,
                    "cannot read the report file " + delivery.artifact().fileName() + ": " + e);
        }
        try (artifact) {
            String path = upload(connection, destination, target, artifact, where);
            log.debug(
                    "Uploaded {} to {} (delivery {}, attempt {})",
                    path,
                    where,
                    delivery.deliveryId(),
                    delivery.attempt());
            return DeliveryResult.sent("sftp://" + connection.name() + "/" + path);
        } catch (ArtifactReadException e) {
            return DeliveryResult.failed(
                    ErrorCategory.SYSTEM,
                    "cannot read the report file " + delivery.artifact().fileName() + ": " + e.getCause());
        } catch (IOException e) {
            SftpFailure failure = SftpFailure.classify(SftpFailure.Phase.TRANSFER, where, e);
            log.debug("Delivery {} failed: {} {}", delivery.deliveryId(), failure.category(), failure.message(), e);
            return DeliveryResult.failed(failure.category(), failure.message());
        }
    }

    /**
     * Logs in to a destination's server and checks that its directory takes a file: writes a small hidden probe
     * file and removes it again. Nothing else on the server changes.
     *
     * @throws ReportsValidationException naming {@code destination} when it is not a valid destination
     */
    @Override
    public ConnectionCheck checkConnection(String destination) {
        SftpDestination parsed = SftpDestination.parse("destination", destination);
        SftpConnection connection = connectionOf("destination", destination);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connection", connection.name());
        details.put("server", connection.address());
        details.put("directory", parsed.directory());
        String where = where(connection);
        long started = System.nanoTime();
        try (ClientSession session = sessions.open(connection, where);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            String probe = parsed.resolve(".scheduled-reports-check-" + Long.toHexString(System.nanoTime()) + ".tmp");
            try (OutputStream out = sftp.write(probe, OpenMode.Write, OpenMode.Create, OpenMode.Truncate)) {
                out.write("connection check\n".getBytes(StandardCharsets.US_ASCII));
            }
            sftp.remove(probe);
            details.put("latency_ms", Long.toString((System.nanoTime() - started) / 1_000_000));
            return ConnectionCheck.ok(
                    "logged in to " + connection.address() + " and wrote to " + parsed.directory(), details);
        } catch (IOException e) {
            SftpFailure failure = SftpFailure.classify(SftpFailure.Phase.TRANSFER, where, e);
            return ConnectionCheck.failed(failure.category(), failure.message(), details);
        }
    }

    /**
     * Logs in to every configured connection ({@link #healthCheck(String)}: login and a read of the login
     * directory, nothing written). OK when all of them answer; otherwise the first failure's category, with a
     * message naming every connection that failed. Details list each connection's outcome ({@code ok} or the
     * failure), never a secret.
     */
    @Override
    public ConnectionCheck checkConfiguration() {
        Map<String, String> details = new LinkedHashMap<>();
        java.util.List<String> failed = new java.util.ArrayList<>();
        io.scheduledreports.spi.ErrorCategory category = null;
        for (String name : new java.util.TreeSet<>(settings.connections().keySet())) {
            ConnectionCheck check = healthCheck(name);
            details.put("connection." + name, check.ok() ? "ok" : check.message());
            if (!check.ok()) {
                failed.add(name + " (" + check.message() + ")");
                category = category == null ? check.category() : category;
            }
        }
        if (failed.isEmpty()) {
            return ConnectionCheck.ok("logged in to " + details.size() + " connection(s)", details);
        }
        return ConnectionCheck.failed(category, "SFTP connections failed: " + String.join("; ", failed), details);
    }

    /**
     * Logs in to a configured connection and reads its login directory's attributes, without writing; for health
     * endpoints.
     *
     * @param connectionName the connection's name
     * @return the outcome; details name the connection and server, never a secret
     * @throws ReportsValidationException naming {@code connection} when no connection has this name
     */
    public ConnectionCheck healthCheck(String connectionName) {
        SftpConnection connection = settings.connection(connectionName)
                .orElseThrow(() -> new ReportsValidationException(
                        "connection",
                        "unknown SFTP connection '" + connectionName + "'; configured: "
                                + settings.connections().keySet()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("server", connection.address());
        details.put("user", connection.username());
        String where = where(connection);
        try (ClientSession session = sessions.open(connection, where);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            sftp.stat(".");
            return ConnectionCheck.ok("logged in to " + connection.address(), details);
        } catch (IOException e) {
            SftpFailure failure = SftpFailure.classify(SftpFailure.Phase.TRANSFER, where, e);
            return ConnectionCheck.failed(failure.category(), failure.message(), details);
        }
    }

    /** Counts sends per connection under a channel rate limit: one busy server does not hold back the others. */
    @Override
    public String rateKey(Recipient recipient) {
        return SftpDestination.parse(DESTINATION, recipient.destination()).connection();
    }

    /** Closes the SSH client. Deliveries after this fail. */
    @Override
    public void close() {
        sessions.close();
    }

    @Override
    public String toString() {
        return "SftpChannel[" + settings + "]";
    }

    private SftpConnection connectionOf(String field, String destination) {
        SftpDestination parsed = SftpDestination.parse(field, destination);
        SftpConnection connection = settings.connection(parsed.connection())
                .orElseThrow(() -> new ReportsValidationException(
                        field,
                        "unknown SFTP connection '" + parsed.connection() + "'; configured: "
                                + settings.connections().keySet()));
        for (String secret : connection.secretNames()) {
            if (!settings.secrets().contains(secret)) {
                throw new ReportsValidationException(
                        field,
                        "SFTP connection '" + connection.name() + "' needs secret '" + secret
                                + "', which the secret resolver does not know");
            }
        }
        return connection;
    }

    private String upload(
            SftpConnection connection, SftpDestination destination, String target, InputStream in, String where)
            throws IOException {
        String path = destination.resolve(target);
        String temporary = destination.resolve(RemoteNames.temporary(target));
        try (ClientSession session = sessions.open(connection, where);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            try (OutputStream out = sftp.write(temporary, OpenMode.Write, OpenMode.Create, OpenMode.Truncate)) {
                new ArtifactStream(in).transferTo(out);
            } catch (IOException e) {
                removeQuietly(sftp, temporary);
                throw e;
            }
            try {
                replace(sftp, temporary, path);
            } catch (IOException e) {
                removeQuietly(sftp, temporary);
                throw e;
            }
            return path;
        }
    }

    /** Renames over an existing file: natively from SFTP v5, with OpenSSH's posix-rename before, else remove first. */
    private static void replace(SftpClient sftp, String from, String to) throws IOException {
        if (sftp.getVersion() >= SftpConstants.SFTP_V5) {
            sftp.rename(from, to, CopyMode.Overwrite);
            return;
        }
        OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (posix != null && posix.isSupported()) {
            posix.posixRename(from, to);
            return;
        }
        try {
            sftp.remove(to);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
        sftp.rename(from, to);
    }

    private static void removeQuietly(SftpClient sftp, String path) {
        try {
            sftp.remove(path);
        } catch (IOException | RuntimeException ignored) {
            // the session may be gone; a leftover hidden .part file is overwritten by the next attempt
        }
    }

    private static String where(SftpConnection connection) {
        return "SFTP connection '" + connection.name() + "' (" + connection.username() + "@" + connection.address()
                + ")";
    }

    /** Marks read failures of the report file, so they are not taken for network failures. */
    private static final class ArtifactReadException extends IOException {
        private static final long serialVersionUID = 1L;

        ArtifactReadException(IOException cause) {
            super(cause);
        }
    }

    private static final class ArtifactStream extends FilterInputStream {
        ArtifactStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new ArtifactReadException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new ArtifactReadException(e);
            }
        }
    }
}
