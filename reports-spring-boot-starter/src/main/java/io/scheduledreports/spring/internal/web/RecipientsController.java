package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recipient states of a schedule ({@code GET /scheduled-reports/{id}/recipients}: who is active, unsubscribed or
 * bounced) and re-activation ({@code POST .../recipients/{rid}/reactivate}, with {@code consent_confirmed: true}
 * after an unsubscribe).
 */
@RestController
@RequestMapping("${scheduled-reports.api.base-path:/api/v1}/scheduled-reports")
public final class RecipientsController {

    private final ScheduledReports reports;
    private final Principals principals;

    /** Creates the controller. */
    public RecipientsController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
    }

    @GetMapping("/{id}/recipients")
    List<RecipientStateView> recipients(@PathVariable String id, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return reports.recipientStates(actor, id).stream()
                .map(RecipientStateView::of)
                .toList();
    }

    @PostMapping("/{id}/recipients/{rid}/reactivate")
    RecipientStateView reactivate(
            @PathVariable String id,
            @PathVariable String rid,
            @RequestBody ReactivateBody body,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.CREATOR);
        return RecipientStateView.of(reports.reactivateRecipient(actor, id, rid, body.consent()));
    }
}
