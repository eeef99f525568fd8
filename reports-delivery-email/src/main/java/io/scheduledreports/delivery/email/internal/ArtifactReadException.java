package io.scheduledreports.delivery.email.internal;

import java.io.IOException;

/**
 * The report file could not be read (or compressed) while the message was built or sent: a local problem
 * (SYSTEM), not the SMTP connection's. Marks the cause so the classifier can tell the two apart.
 */
public final class ArtifactReadException extends IOException {
    private static final long serialVersionUID = 1L;

    ArtifactReadException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
