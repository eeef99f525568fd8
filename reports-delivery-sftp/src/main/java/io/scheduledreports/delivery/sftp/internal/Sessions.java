package io.scheduledreports.delivery.sftp.internal;

import io.scheduledreports.delivery.sftp.SftpConnection;
import io.scheduledreports.delivery.sftp.SftpSettings;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;

/**
 * Opens authenticated SSH sessions with pinned host keys. One {@link SshClient} (its I/O threads) serves every
 * connection; the pin travels with each connect, so the client-wide verifier refuses any key but the one pinned
 * for that connection.
 */
public final class Sessions implements AutoCloseable {

    private static final AttributeKey<HostKeyPin> PIN = new AttributeKey<>();
    private static final AttributeKey<AtomicReference<String>> REFUSED = new AttributeKey<>();

    private final SftpSettings settings;
    private final SshClient client;

    /** Starts the client. */
    public Sessions(SftpSettings settings) {
        this.settings = settings;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(Sessions::verify);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, settings.ioTimeout());
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, settings.ioTimeout());
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, settings.ioTimeout());
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, settings.ioTimeout());
        // no ~/.ssh keys, no agent: only the configured credentials are ever offered
        client.setKeyIdentityProvider(session -> java.util.List.of());
        client.start();
    }

    /**
     * Connects, checks the host key against the pin and authenticates.
     *
     * @throws SftpFailure.Classified for a refused host key or credentials (CONFIGURATION), or a missing secret
     * @throws IOException for anything else (to be classified by phase)
     */
    public ClientSession open(SftpConnection connection, String where) throws IOException {
        HostKeyPin pin = HostKeyPin.parse("sftp.connections." + connection.name() + ".host-key", connection.hostKey());
        AtomicReference<String> refused = new AtomicReference<>();
        AttributeRepository context = AttributeRepository.ofAttributesMap(Map.of(PIN, pin, REFUSED, refused));
        ClientSession session = null;
        try {
            try {
                session = client.connect(connection.username(), connection.host(), connection.port(), context, null)
                        .verify(settings.connectTimeout())
                        .getSession();
            } catch (IOException e) {
                throw new SftpFailure.Classified(SftpFailure.classify(SftpFailure.Phase.CONNECT, where, e), e);
            }
            addIdentity(session, connection, where);
            AuthFuture auth = session.auth();
            boolean done;
            try {
                done = auth.await(settings.authTimeout());
            } catch (IOException e) {
                done = auth.isDone();
            }
            if (refused.get() != null) {
                throw new SftpFailure.Classified(hostKeyRefused(where, pin, refused.get()), auth.getException());
            }
            if (!done) {
                throw new SftpFailure.Classified(
                        new SftpFailure(
                                ErrorCategory.TIMEOUT,
                                where + ": no answer to authentication within " + settings.authTimeout()),
                        null);
            }
            if (!auth.isSuccess()) {
                Throwable cause = auth.getException();
                String text = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
                if (text.contains("No more authentication methods available")) {
                    throw new SftpFailure.Classified(
                            new SftpFailure(
                                    ErrorCategory.CONFIGURATION,
                                    where + ": the server refused the credentials of user '" + connection.username()
                                            + "'; check the secret '"
                                            + connection.secretNames().get(0) + "'"),
                            cause);
                }
                throw new SftpFailure.Classified(
                        SftpFailure.classify(
                                SftpFailure.Phase.AUTH, where, cause == null ? new IOException("auth failed") : cause),
                        cause);
            }
            ClientSession opened = session;
            session = null;
            return opened;
        } catch (SftpFailure.Classified e) {
            if (refused.get() != null && e.failure().category() != ErrorCategory.CONFIGURATION) {
                throw new SftpFailure.Classified(hostKeyRefused(where, pin, refused.get()), e);
            }
            throw e;
        } finally {
            if (session != null) {
                session.close(true);
            }
        }
    }

    @Override
    public void close() {
        client.stop();
    }

    private void addIdentity(ClientSession session, SftpConnection connection, String where)
            throws SftpFailure.Classified {
        try {
            if (connection.passwordSecret() != null) {
                session.addPasswordIdentity(settings.secrets().require(connection.passwordSecret()));
                return;
            }
            String keyText = settings.secrets().require(connection.privateKeySecret());
            FilePasswordProvider passphrase = connection.privateKeyPassphraseSecret() == null
                    ? FilePasswordProvider.EMPTY
                    : FilePasswordProvider.of(settings.secrets().require(connection.privateKeyPassphraseSecret()));
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(
                    null,
                    NamedResource.ofName(connection.privateKeySecret()),
                    new ByteArrayInputStream(keyText.getBytes(StandardCharsets.UTF_8)),
                    passphrase);
            int count = 0;
            if (keys != null) {
                for (KeyPair key : keys) {
                    session.addPublicKeyIdentity(key);
                    count++;
                }
            }
            if (count == 0) {
                throw new IOException("no key found in the secret");
            }
        } catch (ReportsValidationException e) {
            throw new SftpFailure.Classified(
                    new SftpFailure(ErrorCategory.CONFIGURATION, where + ": " + e.getMessage()), null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the message of a key parser may quote key material: name the secret only
            throw new SftpFailure.Classified(
                    new SftpFailure(
                            ErrorCategory.CONFIGURATION,
                            where + ": the private key in secret '" + connection.privateKeySecret()
                                    + "' cannot be read (" + e.getClass().getSimpleName() + ")"),
                    null);
        }
    }

    private static SftpFailure hostKeyRefused(String where, HostKeyPin pin, String presented) {
        return new SftpFailure(
                ErrorCategory.CONFIGURATION,
                where + ": the server's host key " + presented + " is not the pinned " + pin.fingerprint()
                        + "; refused (if the server's key was changed on purpose, pin the new one)");
    }

    private static boolean verify(ClientSession session, SocketAddress remote, PublicKey key) {
        AttributeRepository context = session.getConnectionContext();
        HostKeyPin pin = context == null ? null : context.getAttribute(PIN);
        if (pin != null && pin.matches(key)) {
            return true;
        }
        AtomicReference<String> refused = context == null ? null : context.getAttribute(REFUSED);
        if (refused != null) {
            refused.set(key == null ? "(none)" : KeyUtils.getFingerPrint(key));
        }
        return false;
    }
}
