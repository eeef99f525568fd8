/**
 * Signed, expiring download links for generated reports: {@link io.scheduledreports.core.links.DownloadLinks}
 * signs and verifies the tokens, {@link io.scheduledreports.core.links.DownloadLinkConfig} holds the keys and
 * the validity.
 */
package io.scheduledreports.core.links;
