/** Property binding, defaults and start-up failure analysis of the starter. Internal: not API. Types here may change or disappear in any release, without notice or deprecation; depend only on the packages this module exports. */
package io.scheduledreports.spring.internal;
