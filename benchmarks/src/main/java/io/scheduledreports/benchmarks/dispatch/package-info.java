/** Macro benchmarks of the engine: dispatch throughput against raw db-scheduler and clustered Quartz, e-mail bursts, tenant fairness. */
package io.scheduledreports.benchmarks.dispatch;
