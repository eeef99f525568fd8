package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsException;

/**
 * The call conflicts with the current state of what it addresses: a stale version, a manual run while one is
 * queued or running. The REST API answers 409. A refused API call: it carries no retry category.
 */
public class ReportsConflictException extends ReportsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what conflicts and what to do, naming the ids involved
     */
    protected ReportsConflictException(String message) {
        super(message);
    }
}
