/** Tenant concurrency limits: settings and the in-memory and JDBC limiters. API. */
package io.scheduledreports.core.limits;
