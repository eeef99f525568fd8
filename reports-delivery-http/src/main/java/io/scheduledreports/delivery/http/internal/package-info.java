/** Implementation of the outbound HTTP client; not API, may change in any release. */
package io.scheduledreports.delivery.http.internal;
