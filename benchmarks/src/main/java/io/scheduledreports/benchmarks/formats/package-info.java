/** JMH and macro benchmarks of the CSV, XLSX and PDF writers against the raw libraries. */
package io.scheduledreports.benchmarks.formats;
