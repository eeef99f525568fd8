package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.core.DeadLetterQuery;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters of the caller's tenant, {@code /dead-letters}: list and filter them, retry or resolve them in bulk,
 * purge closed ones. The engine allows this to admins only (403 otherwise). Ids of other tenants, like unknown
 * ids, are ignored and not counted; lists never show another tenant's dead letters.
 */
@RestController
// JSON only: an unacceptable Accept header is refused (406) before the handler runs, never after a write
@RequestMapping(
        path = "${scheduled-reports.api.base-path:/api/v1}/dead-letters",
        produces = {"application/json", "application/problem+json"})
public final class DeadLettersController {

    private final ScheduledReports reports;
    private final Principals principals;
    private final Clock clock;

    /** Creates the controller; {@code clock} tells how long open dead letters have been waiting. */
    public DeadLettersController(ScheduledReports reports, Principals principals, Clock clock) {
        this.reports = reports;
        this.principals = principals;
        this.clock = clock;
    }

    /** Newest first; filters combine, absent ones do not filter. */
    @GetMapping
    PageView<DeadLetterView> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "schedule_id", required = false) String scheduleId,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        ListParams.refuseUnknown(request, java.util.Set.of("schedule_id", "category", "status", "from", "to"));
        Instant since = instant("from", from, false);
        Instant until = instant("to", to, true);
        if (since != null && until != null && !until.isAfter(since)) {
            throw new ReportsValidationException("to", "must be after from (" + since + "), was " + until);
        }
        DeadLetterQuery query = new DeadLetterQuery(
                scheduleId == null || scheduleId.isBlank() ? null : scheduleId.strip(),
                ScheduleBody.parse("category", category, ErrorCategory.class),
                ScheduleBody.parse("status", status, DeadLetter.Status.class),
                since,
                until,
                ListParams.page(page, size, limit));
        Instant now = clock.instant();
        return PageView.of(reports.deadLetters(actor, query), d -> DeadLetterView.of(d, now));
    }

    /** Queues the failed generations or deliveries again with fresh attempts; counts those queued. */
    @PostMapping("/retry")
    Map<String, Integer> retry(@RequestBody DeadLettersBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return Map.of("retried", reports.retryDeadLetters(actor, body.validIds()));
    }

    /** Queues again every unresolved dead letter that matches the filter (retry all); counts those queued. */
    @PostMapping("/retry-all")
    Map<String, Integer> retryAll(@RequestBody DeadLetterFilterBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return Map.of("retried", reports.retryDeadLetters(actor, body.query()));
    }

    /** Deletes every dead letter that matches the filter (delete all), audited; counts those deleted. */
    @PostMapping("/delete-all")
    Map<String, Integer> deleteAll(@RequestBody DeadLetterFilterBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return Map.of("deleted", reports.deleteDeadLetters(actor, body.query()));
    }

    /** The retry history of one dead letter: each failed attempt's time, category and message, oldest first. */
    @GetMapping("/{id}/history")
    java.util.List<AttemptFailureView> history(
            @org.springframework.web.bind.annotation.PathVariable String id, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return reports.deadLetterHistory(actor, id).stream()
                .map(AttemptFailureView::of)
                .toList();
    }

    /** Closes unresolved dead letters with a note, without replay; counts those closed. */
    @PostMapping("/resolve")
    Map<String, Integer> resolve(@RequestBody DeadLettersBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return Map.of("resolved", reports.resolveDeadLetters(actor, body.validIds(), body.note()));
    }

    /** Deletes retried and resolved dead letters created before {@code created_before}; unresolved ones stay. */
    @DeleteMapping
    Map<String, Integer> purge(
            @RequestParam(name = "created_before", required = false) String createdBefore, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        Instant before = instant("created_before", createdBefore, false);
        if (before == null) {
            throw new ReportsValidationException(
                    "created_before",
                    "is required: closed dead letters created before this instant are deleted, e.g."
                            + " ?created_before=2026-01-01T00:00:00Z");
        }
        return Map.of("purged", reports.purgeResolvedDeadLetters(actor, before));
    }

    /**
     * An ISO-8601 instant ({@code 2026-02-10T09:00:00Z}, an offset instead of Z also works) or a date
     * ({@code 2026-02-10}, UTC): the start of that day, or with {@code endOfDay} the start of the next, so that
     * {@code from=2026-02-10&to=2026-02-10} is that whole day.
     */
    static Instant instant(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new ReportsValidationException(
                    field,
                    "must be an ISO-8601 instant such as 2026-02-10T09:00:00Z or a date such as 2026-02-10 (UTC),"
                            + " was '" + value + "'",
                    e);
        }
    }
}
