/**
 * The built-in {@link io.scheduledreports.spi.OutputFormatter}s: {@link io.scheduledreports.formats.CsvFormatter},
 * {@link io.scheduledreports.formats.XlsxFormatter} and {@link io.scheduledreports.formats.PdfFormatter}, each with
 * a validated immutable builder, and {@link io.scheduledreports.formats.Formatters#compressed} to gzip or zip any
 * formatter's output. Every writer streams: memory stays flat in the number of rows.
 *
 * <p>Per-report settings go in {@link io.scheduledreports.spi.FormatOptions#settings()} under the format's prefix
 * ({@code csv.}, {@code xlsx.}, {@code pdf.}); each formatter documents its keys as {@code SETTING_*} constants.
 * Unknown keys with a format's own prefix are rejected; other formats' keys are ignored.
 */
package io.scheduledreports.formats;
