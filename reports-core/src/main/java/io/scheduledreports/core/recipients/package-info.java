/**
 * Recipients and privacy: recipient states (active, unsubscribed, bounced), signed unsubscribe links, the
 * recipient policy, bounce handling and the GDPR export and erasure of a person's data.
 */
package io.scheduledreports.core.recipients;
