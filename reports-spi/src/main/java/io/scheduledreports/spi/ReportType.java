package io.scheduledreports.spi;

import java.util.List;
import java.util.Map;

/**
 * A report a host can schedule: an id, its parameters, and a generator that streams rows.
 *
 * <p>Implementations wrap the host's existing report code (a SQL query, a service method). They must scope
 * all data by {@link ReportRequest#tenantId()}, stream rows into the sink as they are read (never collect the
 * whole report), and check {@link ReportRequest#isCancelled()} between batches. To classify a failure, throw
 * a {@link ReportsException} with its {@link ErrorCategory}; any other exception is classified by type.
 *
 * <p>See {@link ReportTypes} to adapt a JDBC query or a stream of maps in a few lines.
 */
public interface ReportType {

    /** Stable id used in schedules' {@code report_type}; lower case, no blanks, e.g. {@code "sales_summary"}. */
    String id();

    /** A human-readable name; defaults to the id. */
    default String displayName() {
        return id();
    }

    /** The parameters this report accepts; empty means it accepts none. */
    default List<ParameterSpec> parameters() {
        return List.of();
    }

    /**
     * Validates parameters when a schedule is created or updated. The default checks them against
     * {@link #parameters()}; override to add cross-field rules.
     *
     * @param parameters the raw parameters as given by the caller (JSON types)
     * @throws ReportsValidationException naming {@code report_params.<name>}
     */
    default void validateParameters(Map<String, Object> parameters) {
        ParameterSpec.validateAll(parameters(), parameters);
    }

    /**
     * Generates the report: declare the columns on {@code sink}, then write the rows.
     *
     * @param request tenant, owner, resolved parameters, locale, zone and cancellation signal
     * @param sink where the rows go
     * @throws Exception any failure; {@link ReportsException}s keep their category
     */
    void generate(ReportRequest request, RowSink sink) throws Exception;
}
