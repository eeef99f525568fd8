package io.scheduledreports.spring.internal.actuate;

import io.scheduledreports.core.ConfigurationReport;
import io.scheduledreports.core.ScheduledReports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code scheduledreports}: runs {@link ScheduledReports#checkConfiguration()} and answers
 * {@code {"status": "OK" | "FAILED", "checked_at", "checks": [{"name", "status", "message", "details"}]}}. Each read
 * runs the checks (an SMTP handshake, a probe file, ...): expose it to operators, not to a polling monitor.
 */
@Endpoint(id = "scheduledreports")
public final class ScheduledReportsEndpoint {

    private final ScheduledReports reports;

    /** Creates the endpoint. */
    public ScheduledReportsEndpoint(ScheduledReports reports) {
        this.reports = reports;
    }

    /** Runs the configuration check. */
    @ReadOperation
    public Map<String, Object> check() {
        return view(reports.checkConfiguration());
    }

    /** The report as the endpoint and the start-up failure show it. */
    public static Map<String, Object> view(ConfigurationReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ok() ? "OK" : "FAILED");
        body.put("checked_at", report.checkedAt().toString());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (ConfigurationReport.Check c : report.checks()) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", c.name());
            check.put("status", c.status().name());
            check.put("message", c.message());
            check.put("details", c.details());
            checks.add(check);
        }
        body.put("checks", checks);
        return body;
    }
}
