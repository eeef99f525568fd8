/**
 * The service-provider interfaces of Scheduled Reports: what a host implements to plug its own reports
 * ({@link io.scheduledreports.spi.ReportType}), file formats ({@link io.scheduledreports.spi.OutputFormatter}),
 * delivery channels ({@link io.scheduledreports.spi.DeliveryChannel}), storage
 * ({@link io.scheduledreports.spi.ArtifactStore}), limits ({@link io.scheduledreports.spi.TenantLimiter}),
 * authorization ({@link io.scheduledreports.spi.ReportAuthorizer}) and listeners
 * ({@link io.scheduledreports.spi.ReportsListener}) into the engine, and the value types they exchange.
 *
 * <p>This package depends on nothing but the JDK and slf4j-api.
 */
package io.scheduledreports.spi;
