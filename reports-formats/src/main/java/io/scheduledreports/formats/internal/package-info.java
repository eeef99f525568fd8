/** Implementation of the formatters; not an API, may change in any release. */
package io.scheduledreports.formats.internal;
