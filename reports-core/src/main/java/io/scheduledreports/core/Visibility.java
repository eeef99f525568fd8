package io.scheduledreports.core;

/**
 * What a non-admin actor may read inside its own tenant. Admins of a tenant always read every schedule of it.
 *
 * <p>The default, {@link #OWNER}, is least privilege: a viewer or creator reads the schedules it owns and their
 * executions, deliveries and files; someone else's schedule answers "not found", exactly like another
 * tenant's. {@link #RECIPIENTS} also lets a user read the schedules it receives: those with a recipient whose
 * destination is the user's id (compared ignoring case, as e-mail addresses are; hosts whose user ids are the
 * users' e-mail addresses get "recipients may read" for e-mail). {@link #TENANT} lets every member of a tenant
 * read all of the tenant's schedules. Changes always need the owner or an admin, whatever the setting: a reader
 * who is not the owner gets "access denied".
 */
public enum Visibility {
    /** Non-admins read only the schedules they own, and their history and files (default). */
    OWNER,
    /**
     * Non-admins read the schedules they own and those they are a recipient of (a recipient destination equal to
     * their user id, ignoring case), with their history and files; they never change them.
     */
    RECIPIENTS,
    /** Every member of the tenant reads every schedule of the tenant, and its history and files. */
    TENANT
}
