/** Implementation of the e-mail channel; not API, may change in any release. */
package io.scheduledreports.delivery.email.internal;
