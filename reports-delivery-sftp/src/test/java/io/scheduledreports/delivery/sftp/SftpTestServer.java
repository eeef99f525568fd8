package io.scheduledreports.delivery.sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server in-process (Apache MINA SSHD) on a temporary directory, for one user with a password and
 * optionally an authorized public key. Can be stopped and started again on the same port.
 */
final class SftpTestServer implements AutoCloseable {
    static final String USER = "reports";
    static final String PASSWORD = "s3cret-pw";

    private final Path root;
    private final KeyPair hostKey;
    private final Set<PublicKey> authorizedKeys = new CopyOnWriteArraySet<>();
    private int port;
    private SshServer server;

    SftpTestServer(Path root) throws Exception {
        this.root = root;
        this.hostKey = newKeyPair();
        start();
    }

    static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    void authorize(PublicKey key) {
        authorizedKeys.add(key);
    }

    synchronized void start() throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        s.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        s.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        s.setFileSystemFactory(new VirtualFileSystemFactory(root));
        s.start();
        port = s.getPort();
        server = s;
    }

    synchronized void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    int port() {
        return port;
    }

    Path root() {
        return root;
    }

    /** The host key's SHA-256 fingerprint, as {@code ssh-keygen -lf} prints it. */
    String fingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** The host key as a {@code known_hosts} / {@code ssh-keyscan} line. */
    String publicKeyLine() {
        return PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
