/** Implementation of the dashboard; not an API, may change without notice. */
package io.scheduledreports.dashboard.internal;
