package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsException;

/**
 * The schedule, execution, recipient or artifact does not exist for the acting tenant. Objects of other
 * tenants are reported as not found, never as forbidden, so their existence does not leak.
 */
public class ReportsNotFoundException extends ReportsException {
    private static final long serialVersionUID = 1L;

    private final String entityType;
    private final String id;

    /**
     * Creates the exception.
     *
     * @param entityType e.g. {@code "schedule"}
     * @param id the id asked for
     */
    public ReportsNotFoundException(String entityType, String id) {
        super(entityType + " '" + id + "' not found");
        this.entityType = entityType;
        this.id = id;
    }

    /** The kind of object, e.g. {@code "schedule"}. */
    public String entityType() {
        return entityType;
    }

    /** The id asked for. */
    public String id() {
        return id;
    }
}
