package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.ReportsNotFoundException;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.links.InvalidDownloadTokenException;
import io.scheduledreports.core.links.InvalidUnsubscribeTokenException;
import io.scheduledreports.core.recipients.UnsubscribeScope;
import io.scheduledreports.core.recipients.UnsubscribeTarget;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The target of unsubscribe links; no login (the signed token is the credential). {@code GET} shows a small
 * confirmation page and changes nothing (mail scanners follow links); {@code POST} unsubscribes: RFC 8058
 * one-click ({@code List-Unsubscribe=One-Click} in the body) from the schedule, or with {@code scope=tenant} from
 * every report of the tenant. A bad token answers 404, an expired one 410, both with an empty body.
 */
@RestController
@RequestMapping("${scheduled-reports.api.base-path:/api/v1}/unsubscribe")
public final class UnsubscribeController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final ScheduledReports reports;

    /** Creates the controller. */
    public UnsubscribeController(ScheduledReports reports) {
        this.reports = reports;
    }

    @GetMapping(params = "token")
    ResponseEntity<String> confirm(@RequestParam String token, HttpServletRequest request) {
        return guarded(() -> {
            UnsubscribeTarget target = reports.unsubscribeTarget(token);
            String action = HtmlUtils.htmlEscape(
                    request.getRequestURI() + "?token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII));
            String report = HtmlUtils.htmlEscape(target.reportName());
            String address = HtmlUtils.htmlEscape(target.maskedDestination());
            String body = target.alreadyUnsubscribed()
                    ? "<p>" + address + " no longer gets the report &ldquo;" + report + "&rdquo;.</p>"
                    : "<p>Stop sending the report &ldquo;" + report + "&rdquo; to " + address + "?</p>\n"
                            + "<form method=\"post\" action=\"" + action + "\">"
                            + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                            + "<button type=\"submit\">Unsubscribe from this report</button></form>\n";
            body += "<form method=\"post\" action=\"" + action + "\">"
                    + "<input type=\"hidden\" name=\"scope\" value=\"tenant\">"
                    + "<button type=\"submit\">Unsubscribe from all reports of "
                    + HtmlUtils.htmlEscape(target.tenantId()) + "</button></form>\n";
            return page("Unsubscribe", body);
        });
    }

    @PostMapping(params = "token")
    ResponseEntity<String> unsubscribe(@RequestParam String token, @RequestParam(required = false) String scope) {
        UnsubscribeScope parsed;
        if (scope == null || scope.equalsIgnoreCase("schedule")) {
            parsed = UnsubscribeScope.SCHEDULE;
        } else if (scope.equalsIgnoreCase("tenant")) {
            parsed = UnsubscribeScope.TENANT;
        } else {
            throw new ReportsValidationException("scope", "must be schedule or tenant, was '" + scope + "'");
        }
        return guarded(() -> {
            reports.unsubscribe(token, parsed);
            return page(
                    "Unsubscribed",
                    parsed == UnsubscribeScope.TENANT
                            ? "<p>You will get no more reports of this sender.</p>"
                            : "<p>You will get no more of this report.</p>");
        });
    }

    /** Bad tokens and vanished recipients answer 404 (expired: 410) with nothing that helps a probe. */
    private static ResponseEntity<String> guarded(Supplier<ResponseEntity<String>> action) {
        try {
            return action.get();
        } catch (InvalidUnsubscribeTokenException e) {
            HttpStatus status =
                    e.reason() == InvalidDownloadTokenException.Reason.EXPIRED ? HttpStatus.GONE : HttpStatus.NOT_FOUND;
            return ResponseEntity.status(status)
                    .cacheControl(CacheControl.noStore())
                    .build();
        } catch (ReportsNotFoundException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .cacheControl(CacheControl.noStore())
                    .build();
        }
    }

    private static ResponseEntity<String> page(String title, String body) {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>" + title + "</title>"
                + "<meta name=\"referrer\" content=\"no-referrer\"></head>\n<body>\n" + body + "</body></html>\n";
        return ResponseEntity.ok()
                .contentType(HTML)
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'")
                .body(html);
    }
}
