package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own weekly owner summary, {@code /me/weekly-summary}: read it, opt out and back in. */
@RestController
@RequestMapping(
        path = "${scheduled-reports.api.base-path:/api/v1}/me/weekly-summary",
        produces = {"application/json", "application/problem+json"})
public final class WeeklySummaryController {

    private final ScheduledReports reports;
    private final Principals principals;

    /** Creates the controller. */
    public WeeklySummaryController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
    }

    /**
     * The setting.
     *
     * @param enabled whether the caller gets the weekly summary (when the host turned summaries on)
     */
    record WeeklySummaryView(boolean enabled) {}

    /**
     * Body of a change.
     *
     * @param enabled true to get the summary, false to opt out
     */
    record WeeklySummaryBody(Boolean enabled, @JsonAnySetter Map<String, Object> unknown) {
        boolean value() {
            UnknownFields.refuse(unknown, Set.of("enabled"), "");
            if (enabled == null) {
                throw new ReportsValidationException("enabled", "must be true or false");
            }
            return enabled;
        }
    }

    @GetMapping
    WeeklySummaryView get(HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return new WeeklySummaryView(reports.weeklySummaryEnabled(actor));
    }

    @PutMapping
    WeeklySummaryView put(@RequestBody WeeklySummaryBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return new WeeklySummaryView(reports.setWeeklySummaryEnabled(actor, body.value()));
    }
}
