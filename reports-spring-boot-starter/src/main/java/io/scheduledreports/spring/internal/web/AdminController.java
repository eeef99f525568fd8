package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.ScheduleQuery;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin views, {@code /admin/scheduled-reports}: every schedule and the statistics of the admin's own tenant, and
 * pausing all schedules of a leaving owner.
 */
@RestController
// JSON only: an unacceptable Accept header is refused (406) before the handler runs, never after a write
@RequestMapping(
        path = "${scheduled-reports.api.base-path:/api/v1}/admin/scheduled-reports",
        produces = {"application/json", "application/problem+json"})
public final class AdminController {

    private final ScheduledReports reports;
    private final Principals principals;

    /** Creates the controller. */
    public AdminController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
    }

    @GetMapping
    PageView<ScheduleView> schedules(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String status,
            @RequestParam(name = "report_type", required = false) String reportType,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        ListParams.refuseUnknown(request, ScheduledReportsController.LIST_FILTERS);
        ScheduleQuery query = ScheduledReportsController.query(owner, status, reportType, q, sort, page, size, limit);
        return PageView.of(reports.admin().schedules(actor.tenantId(), query), ScheduleView::of);
    }

    /** What {@code POST /owners/{user_id}/pause} answers. */
    record PausedView(int paused) {}

    @PostMapping("/owners/{user_id}/pause")
    PausedView pauseAllOwnedBy(@PathVariable("user_id") String userId, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        return new PausedView(reports.pauseAllOwnedBy(actor, userId));
    }

    /**
     * Disk space: the store's free space and its daily samples of the last {@code days} days (default 30, at most
     * 90; shared by all tenants), the admin's tenant's files, the estimate of its next 24 hours and what shorter
     * retentions would free.
     */
    @GetMapping("/disk")
    DiskView disk(@RequestParam(required = false) String days, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        ListParams.refuseUnknown(request, java.util.Set.of("days"));
        int window = 30;
        if (days != null) {
            try {
                window = Integer.parseInt(days.trim());
            } catch (NumberFormatException e) {
                throw new io.scheduledreports.spi.ReportsValidationException(
                        "days", "must be a whole number 1-90, was '" + days + "'");
            }
        }
        java.util.List<io.scheduledreports.core.DiskSample> trend =
                reports.admin().diskTrend(window);
        return DiskView.of(reports.admin().diskUsage(actor.tenantId()), trend);
    }

    @GetMapping("/stats")
    StatsView stats(HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        ListParams.refuseUnknown(request, java.util.Set.of());
        return StatsView.of(reports.admin().stats(actor.tenantId()));
    }
}
