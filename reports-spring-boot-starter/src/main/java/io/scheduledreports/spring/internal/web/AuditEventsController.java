package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.AuditAction;
import io.scheduledreports.core.AuditEvent;
import io.scheduledreports.core.AuditQuery;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log of the caller's tenant, admins only: {@code /audit-events} as pages of JSON, and the same filter
 * as a CSV file streamed row by row ({@code /audit-events.csv}, or {@code /audit-events} with
 * {@code Accept: text/csv}).
 */
@RestController
@RequestMapping("${scheduled-reports.api.base-path:/api/v1}")
public final class AuditEventsController {

    private static final Set<String> FILTERS = Set.of("entity_id", "actor", "action", "from", "to");

    private final ScheduledReports reports;
    private final Principals principals;

    /** Creates the controller. */
    public AuditEventsController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
    }

    @GetMapping("/audit-events")
    PageView<AuditEventView> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "entity_id", required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request) {
        Actor caller = principals.require(request, Actor.ADMIN);
        ListParams.refuseUnknown(request, FILTERS);
        AuditQuery query = query(entityId, actor, action, from, to, ListParams.page(page, size, limit));
        return PageView.of(reports.auditEvents(caller, query), AuditEventView::of);
    }

    @GetMapping(path = "/audit-events", produces = "text/csv")
    void csvByAccept(
            @RequestParam(name = "entity_id", required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        csv(entityId, actor, action, from, to, request, response);
    }

    /** Every matching event as CSV, newest first, streamed while the database returns the rows. */
    @GetMapping("/audit-events.csv")
    void csv(
            @RequestParam(name = "entity_id", required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Actor caller = principals.require(request, Actor.ADMIN);
        ListParams.refuseUnknown(request, FILTERS);
        AuditQuery query = query(entityId, actor, action, from, to, PageRequest.first());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("audit-events.csv")
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write("occurred_at,actor,action,entity_type,entity_id,old_value,new_value,id\r\n");
        reports.exportAuditEvents(caller, query, e -> {
            try {
                out.write(Csv.line(
                        e.occurredAt().toString(),
                        e.actor(),
                        e.action().name(),
                        e.entityType(),
                        e.entityId(),
                        e.oldValue(),
                        e.newValue(),
                        e.id()));
            } catch (IOException ex) {
                throw new UncheckedIOException("the client stopped reading the audit export", ex);
            }
        });
        out.flush();
    }

    private static AuditQuery query(
            String entityId, String actor, String action, String from, String to, PageRequest page) {
        Instant since = DeadLettersController.instant("from", from, false);
        Instant until = DeadLettersController.instant("to", to, true);
        return new AuditQuery(
                blankToNull(entityId),
                blankToNull(actor),
                action == null || action.isBlank() ? null : AuditAction.parse("action", action),
                since,
                until,
                page);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** RFC 4180 lines; text a spreadsheet would run as a formula gets a leading single quote. */
    static final class Csv {
        private Csv() {}

        static String line(String... values) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(cell(values[i]));
            }
            return sb.append("\r\n").toString();
        }

        static String cell(String value) {
            if (value == null) {
                return "";
            }
            String v = value;
            if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
                v = "'" + v;
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                v = "\"" + v.replace("\"", "\"\"") + "\"";
            }
            return v;
        }
    }

    /**
     * One audit event.
     *
     * @param id event id
     * @param occurredAt when (UTC)
     * @param actor user id, or {@code download-link}
     * @param action what was done
     * @param entityType schedule, execution, dead_letter, ...
     * @param entityId the object's id
     * @param oldValue the values before (JSON), or null
     * @param newValue the values after (JSON), or null
     */
    @tools.jackson.databind.annotation.JsonNaming(
            tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AuditEventView(
            String id,
            String occurredAt,
            String actor,
            String action,
            String entityType,
            String entityId,
            @com.fasterxml.jackson.annotation.JsonRawValue String oldValue,
            @com.fasterxml.jackson.annotation.JsonRawValue String newValue) {

        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(
                    e.id(),
                    Json.instant(e.occurredAt()),
                    e.actor(),
                    e.action().name(),
                    e.entityType(),
                    e.entityId(),
                    e.oldValue(),
                    e.newValue());
        }
    }
}
