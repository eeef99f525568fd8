/** The REST API's controllers, request bodies, views and problem details. Internal: not API. Types here may change or disappear in any release, without notice or deprecation; depend only on the packages this module exports. */
package io.scheduledreports.spring.internal.web;
