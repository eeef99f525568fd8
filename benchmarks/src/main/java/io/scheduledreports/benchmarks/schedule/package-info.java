/** JMH benchmarks of next-run computation against JobRunr, Spring and cron-utils. */
package io.scheduledreports.benchmarks.schedule;
