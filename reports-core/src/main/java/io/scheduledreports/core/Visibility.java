package io.scheduledreports.core;

/**
 * What a non-admin actor may read inside its own tenant. Admins of a tenant always read every schedule of it.
 *
 * <p>The default, {@link #OWNER}, is least privilege: a viewer or creator reads the schedules it owns and their
 * executions, deliveries and files; someone else's schedule answers "not found", exactly like another
 * tenant's. {@link #TENANT} lets every member of a tenant read all of the tenant's schedules (changes still need
 * the owner or an admin).
 */
public enum Visibility {
    /** Non-admins read only the schedules they own, and their history and files (default). */
    OWNER,
    /** Every member of the tenant reads every schedule of the tenant, and its history and files. */
    TENANT
}
