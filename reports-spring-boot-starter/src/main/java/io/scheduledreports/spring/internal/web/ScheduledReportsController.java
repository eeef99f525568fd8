package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ReportsNotFoundException;
import io.scheduledreports.core.ScheduleQuery;
import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Schedules of the caller's tenant: {@code /scheduled-reports}. Viewers read, creators create and change their
 * own schedules, admins change every schedule of their tenant. Objects of other tenants are not found (404).
 */
@RestController
// JSON only: an unacceptable Accept header is refused (406) before the handler runs, never after a write
@RequestMapping(
        path = "${scheduled-reports.api.base-path:/api/v1}/scheduled-reports",
        produces = {"application/json", "application/problem+json"})
public final class ScheduledReportsController {

    private final ScheduledReports reports;
    private final Principals principals;
    private final String basePath;

    /** Creates the controller. */
    public ScheduledReportsController(ScheduledReports reports, Principals principals, String basePath) {
        this.reports = reports;
        this.principals = principals;
        this.basePath = basePath;
    }

    @PostMapping
    ResponseEntity<ScheduleView> create(@RequestBody ScheduleBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.CREATOR);
        ScheduledReport created = reports.create(actor, body.toRequest(reports.holidayCalendars(actor.tenantId())));
        URI location = ServletUriComponentsBuilder.fromRequestUri(request)
                .path("/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).eTag(etag(created)).body(ScheduleView.of(created));
    }

    /**
     * What a create with this body would do, without storing or delivering anything: the same validation errors
     * as create, else the next runs in UTC and in the schedule's zone, the warnings and the report's first rows.
     */
    @PostMapping("/preview")
    PreviewView preview(@RequestBody ScheduleBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.CREATOR);
        return PreviewView.of(reports.preview(actor, body.toRequest(reports.holidayCalendars(actor.tenantId()))));
    }

    /** Filters of the schedule lists. */
    static final java.util.Set<String> LIST_FILTERS = java.util.Set.of("status", "report_type", "q", "sort", "owner");

    /**
     * The caller's own schedules (an admin may name another {@code owner}); admins see every schedule under
     * {@code /admin/scheduled-reports}.
     */
    @GetMapping
    PageView<ScheduleView> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String status,
            @RequestParam(name = "report_type", required = false) String reportType,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String owner,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        ListParams.refuseUnknown(request, LIST_FILTERS);
        if (owner != null && !owner.equals(actor.userId()) && !actor.isAdmin()) {
            throw new io.scheduledreports.spi.ReportsAccessDeniedException(
                    "only an admin may list another owner's schedules ('" + owner + "')");
        }
        ScheduleQuery query =
                query(owner == null ? actor.userId() : owner, status, reportType, q, sort, page, size, limit);
        return PageView.of(reports.list(actor, query), ScheduleView::of);
    }

    /** A schedule query from list parameters; {@code status=failing} lists schedules whose latest run failed. */
    static ScheduleQuery query(
            String owner,
            String status,
            String reportType,
            String q,
            String sort,
            Integer page,
            Integer size,
            Integer limit) {
        boolean failing = status != null && status.strip().equalsIgnoreCase("failing");
        ScheduleStatus parsed;
        try {
            parsed = failing ? null : status(status);
        } catch (ReportsValidationException e) {
            throw new ReportsValidationException(
                    "status",
                    "must be one of ACTIVE, PAUSED, COMPLETED or failing (latest run failed), was '" + status + "'");
        }
        ScheduleQuery.Sort order;
        try {
            order = sort == null
                    ? null
                    : ScheduleQuery.Sort.valueOf(sort.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ReportsValidationException(
                    "sort", "must be one of next_run_at, name, last_run_at or created_at, was '" + sort + "'");
        }
        return new ScheduleQuery(
                owner,
                parsed,
                reportType,
                ListParams.page(page, size, limit),
                q == null ? null : q.strip(),
                failing,
                order);
    }

    @GetMapping("/{id}")
    ResponseEntity<ScheduleView> get(@PathVariable String id, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        ScheduledReport s = reports.get(actor, id);
        return ResponseEntity.ok().eTag(etag(s)).body(ScheduleView.of(s));
    }

    /** Replaces the schedule; needs the version read before, in the body or as {@code If-Match}. */
    @PutMapping("/{id}")
    ResponseEntity<ScheduleView> update(
            @PathVariable String id,
            @RequestBody ScheduleBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.CREATOR);
        long version = version(body.version(), ifMatch);
        ScheduledReport updated =
                reports.update(actor, id, version, body.toRequest(reports.holidayCalendars(actor.tenantId())));
        return ResponseEntity.ok().eTag(etag(updated)).body(ScheduleView.of(updated));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, HttpServletRequest request) {
        reports.delete(principals.require(request, Actor.CREATOR), id);
    }

    @PostMapping("/{id}/pause")
    ScheduleView pause(@PathVariable String id, HttpServletRequest request) {
        return ScheduleView.of(reports.pause(principals.require(request, Actor.CREATOR), id));
    }

    @PostMapping("/{id}/resume")
    ScheduleView resume(@PathVariable String id, HttpServletRequest request) {
        return ScheduleView.of(reports.resume(principals.require(request, Actor.CREATOR), id));
    }

    /**
     * Queues a run now; answered 202 with the queued execution. {@code timeout} (ISO-8601, e.g. {@code PT2H}) is an
     * admin's one-off generation timeout for this run, at most the engine maximum.
     */
    @PostMapping("/{id}/run")
    ResponseEntity<ExecutionView> run(
            @PathVariable String id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String timeout,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.CREATOR);
        Execution e = timeout == null
                ? reports.runNow(actor, id)
                : reports.runNow(actor, id, DeadLetterFilterBody.duration("timeout", timeout));
        return ResponseEntity.accepted().body(ExecutionView.of(e, basePath, false));
    }

    @GetMapping("/{id}/executions")
    PageView<ExecutionView> executions(
            @PathVariable String id,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Integer limit,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        ListParams.refuseUnknown(request, java.util.Set.of());
        return PageView.of(
                reports.executions(actor, id, ListParams.page(page, size, limit)),
                e -> ExecutionView.of(e, basePath, false, actor.isAdmin()));
    }

    @GetMapping("/{id}/executions/{eid}")
    ExecutionView execution(@PathVariable String id, @PathVariable String eid, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        Execution e = reports.execution(actor, eid);
        if (!e.scheduleId().equals(id)) {
            throw new ReportsNotFoundException("execution", eid);
        }
        return ExecutionView.of(e, basePath, true, actor.isAdmin());
    }

    @PostMapping("/{id}/recipients")
    ResponseEntity<RecipientView> addRecipient(
            @PathVariable String id, @RequestBody RecipientBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.CREATOR);
        Recipient added = reports.addRecipient(actor, id, body.toRecipient());
        URI location = ServletUriComponentsBuilder.fromRequestUri(request)
                .path("/{rid}")
                .buildAndExpand(added.id())
                .toUri();
        return ResponseEntity.created(location).body(RecipientView.of(added));
    }

    @DeleteMapping("/{id}/recipients/{rid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeRecipient(@PathVariable String id, @PathVariable String rid, HttpServletRequest request) {
        reports.removeRecipient(principals.require(request, Actor.CREATOR), id, rid);
    }

    static ScheduleStatus status(String status) {
        return ScheduleBody.parse("status", status, ScheduleStatus.class);
    }

    private static String etag(ScheduledReport s) {
        return "\"" + s.version() + "\"";
    }

    /** The version from the body, else from {@code If-Match} ({@code "3"} or {@code W/"3"}). */
    static long version(Long fromBody, String ifMatch) {
        if (fromBody != null) {
            return fromBody;
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ReportsValidationException(
                    "version",
                    "is required: send the version you read, as \"version\" in the body or in an If-Match header");
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ReportsValidationException(
                    "version", "If-Match must carry the schedule's version, e.g. \"3\", was " + ifMatch);
        }
    }
}
