package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.TestDeliveryOutcome;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ConnectionCheck;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Test deliveries ({@code POST /scheduled-reports/{id}/test}, the schedule's owner or an admin) and channel
 * connection checks ({@code POST /channels/{channel}/test}, admins), answered synchronously. Both are audited and
 * limited per user: beyond the limit 429 with {@code Retry-After}.
 */
@RestController
// JSON only: an unacceptable Accept header is refused (406) before the handler runs, never after a write
@RequestMapping(
        path = "${scheduled-reports.api.base-path:/api/v1}",
        produces = {"application/json", "application/problem+json"})
public final class DeliveryTestsController {

    private final ScheduledReports reports;
    private final Principals principals;

    /** Creates the controller. */
    public DeliveryTestsController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
    }

    /** Body of a test delivery; unknown fields are refused. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TestDeliveryBody(
            String recipientId, @JsonAnySetter Map<String, Object> unknown) {
        String checked() {
            UnknownFields.refuse(unknown, Set.of("recipient_id"), "");
            return recipientId;
        }
    }

    /** Outcome of a test delivery. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TestDeliveryView(
            String status,
            String recipientId,
            String channel,
            String destination,
            String fileName,
            String providerReference,
            String errorCategory,
            String errorMessage) {

        static TestDeliveryView of(TestDeliveryOutcome o) {
            return new TestDeliveryView(
                    o.sent() ? "sent" : "failed",
                    o.recipientId(),
                    o.channel(),
                    o.destination(),
                    o.fileName(),
                    o.providerReference(),
                    o.category() == null ? null : o.category().name(),
                    o.message());
        }
    }

    /** Body of a connection check; unknown fields are refused. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChannelCheckBody(
            String destination, @JsonAnySetter Map<String, Object> unknown) {
        String checked() {
            UnknownFields.refuse(unknown, Set.of("destination"), "");
            return destination;
        }
    }

    /** Outcome of a connection check. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChannelCheckView(
            String channel,
            String destination,
            String status,
            String errorCategory,
            String message,
            Map<String, String> details) {}

    @PostMapping("/scheduled-reports/{id}/test")
    TestDeliveryView testDelivery(
            @PathVariable String id, @RequestBody(required = false) TestDeliveryBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.CREATOR);
        return TestDeliveryView.of(reports.testDelivery(actor, id, body == null ? null : body.checked()));
    }

    @PostMapping("/channels/{channel}/test")
    ChannelCheckView checkChannel(
            @PathVariable String channel,
            @RequestBody(required = false) ChannelCheckBody body,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        String destination = body == null ? null : body.checked();
        ConnectionCheck check = reports.checkChannel(actor, channel, destination);
        return new ChannelCheckView(
                channel,
                destination,
                check.status().name().toLowerCase(Locale.ROOT),
                check.category() == null ? null : check.category().name(),
                check.message(),
                check.details());
    }
}
