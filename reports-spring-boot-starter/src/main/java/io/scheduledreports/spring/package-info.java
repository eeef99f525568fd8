/** Spring Boot auto-configuration of the library: properties, customizers, the principal resolver SPI. API. */
package io.scheduledreports.spring;
