/**
 * The engine on db-scheduler, its SQL and its workers. Internal: not API. Types here may change or disappear in any release, without notice or deprecation; depend only on the packages this module exports.
 */
package io.scheduledreports.core.internal;
