/** The Spring Boot demo application started by {@code ./demo.sh}. For trying the library only: it trusts request headers. */
package io.scheduledreports.examples.demo;
