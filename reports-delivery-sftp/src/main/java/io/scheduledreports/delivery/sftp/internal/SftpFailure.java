package io.scheduledreports.delivery.sftp.internal;

import io.scheduledreports.spi.ErrorCategory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A classified SFTP failure: refused credentials or host key, a missing or read-only directory → CONFIGURATION
 * (no retry); refused connections and lost sessions → NETWORK, timeouts → TIMEOUT (both retried).
 *
 * @param category the category
 * @param message what failed, naming the connection and server; never a secret
 */
public record SftpFailure(ErrorCategory category, String message) {

    /** Where in the exchange a failure happened. */
    public enum Phase {
        /** TCP connect and SSH key exchange. */
        CONNECT,
        /** Authentication. */
        AUTH,
        /** SFTP operations. */
        TRANSFER
    }

    /** An exception of a stage whose cause is already known (host key refused, credentials refused). */
    public static final class Classified extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient SftpFailure failure;

        /** Wraps a classified failure. */
        public Classified(SftpFailure failure, Throwable cause) {
            super(failure.message(), cause);
            this.failure = failure;
        }

        /** The failure. */
        public SftpFailure failure() {
            return failure;
        }
    }

    /**
     * Classifies a failure.
     *
     * @param phase where it happened
     * @param where {@code connection 'name' (user@host:port)}, for the message
     * @param e the failure
     * @return the classification
     */
    public static SftpFailure classify(Phase phase, String where, Throwable e) {
        if (e instanceof Classified c) {
            return c.failure();
        }
        String detail = describe(e);
        if (has(e, TimeoutException.class)
                || has(e, SocketTimeoutException.class)
                || has(e, InterruptedIOException.class)
                || detail.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
            return new SftpFailure(ErrorCategory.TIMEOUT, where + ": timed out during " + phase(phase) + ": " + detail);
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)) {
            return new SftpFailure(ErrorCategory.NETWORK, where + ": connection refused: " + detail);
        }
        if (has(e, UnknownHostException.class)) {
            return new SftpFailure(ErrorCategory.NETWORK, where + ": unknown host: " + detail);
        }
        SftpException sftp = find(e, SftpException.class);
        if (sftp != null) {
            return switch (sftp.getStatus()) {
                case SftpConstants.SSH_FX_PERMISSION_DENIED,
                        SftpConstants.SSH_FX_WRITE_PROTECT,
                        SftpConstants.SSH_FX_NO_SUCH_FILE,
                        SftpConstants.SSH_FX_NO_SUCH_PATH,
                        SftpConstants.SSH_FX_NOT_A_DIRECTORY,
                        SftpConstants.SSH_FX_INVALID_FILENAME,
                        SftpConstants.SSH_FX_FILE_IS_A_DIRECTORY ->
                    new SftpFailure(ErrorCategory.CONFIGURATION, where + ": the server refused the upload: " + detail);
                default -> new SftpFailure(ErrorCategory.NETWORK, where + ": SFTP error: " + detail);
            };
        }
        return new SftpFailure(ErrorCategory.NETWORK, where + ": failed during " + phase(phase) + ": " + detail);
    }

    private static String phase(Phase phase) {
        return switch (phase) {
            case CONNECT -> "connect and key exchange";
            case AUTH -> "authentication";
            case TRANSFER -> "the transfer";
        };
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
