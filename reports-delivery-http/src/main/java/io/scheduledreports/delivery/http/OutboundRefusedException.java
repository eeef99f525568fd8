package io.scheduledreports.delivery.http;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;

/**
 * The {@link OutboundPolicy} refused a URI: wrong scheme, or the host resolves to an address that must not be
 * reached (loopback, private, link-local, ...). A CONFIGURATION failure: retrying cannot help until the
 * destination or the allowlist changes.
 */
public class OutboundRefusedException extends ReportsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused and why, without secrets
     */
    public OutboundRefusedException(String message) {
        super(ErrorCategory.CONFIGURATION, message);
    }
}
