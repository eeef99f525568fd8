/**
 * Internal plumbing of the library's database access (the Jdbi set-up and the transaction bridge to db-scheduler).
 * <b>Not API:</b> the types in this package are public only so that the library's own modules can use them; they
 * may change or disappear in any release without notice. Do not use them from your code.
 */
package io.scheduledreports.jdbc.internal;
