/** The Spring Boot quick start with real Spring Security, as a tested application. */
package io.scheduledreports.examples.secured;
