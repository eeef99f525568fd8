/** Implementation of the webhook channel; not API, may change in any release. */
package io.scheduledreports.delivery.webhook.internal;
