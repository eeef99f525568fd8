/** Implementation of the Slack channel; not API, may change in any release. */
package io.scheduledreports.delivery.slack.internal;
