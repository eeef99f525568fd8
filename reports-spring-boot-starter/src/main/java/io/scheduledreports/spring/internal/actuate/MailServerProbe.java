package io.scheduledreports.spring.internal.actuate;

import java.util.Map;

/** Checks the mail server; a seam so the health indicator loads without the e-mail module. */
@FunctionalInterface
public interface MailServerProbe {

    /** Connects, says NOOP, disconnects. */
    Status probe();

    /**
     * Outcome of a probe.
     *
     * @param up whether the server answered
     * @param details server, security and, when down, the error
     */
    record Status(boolean up, Map<String, String> details) {}
}
