/** The macro benchmark harness: databases, JVM instances, result files and charts. */
package io.scheduledreports.benchmarks.harness;
