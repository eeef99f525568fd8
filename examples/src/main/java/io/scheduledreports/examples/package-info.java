/** Runnable examples, one {@code *Main} per feature. */
package io.scheduledreports.examples;
