package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.calendar.CalendarDefinition;
import io.scheduledreports.core.calendar.StoredHolidayCalendar;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Holiday calendars of the caller's tenant: {@code /holiday-calendars}. Anyone with a role reads them; admins
 * store (JSON rules, or an {@code .ics} file sent as {@code text/calendar}) and delete them. Storing one
 * recomputes the next run of the tenant's active schedules that name it, in the same transaction.
 */
@RestController
@RequestMapping("${scheduled-reports.api.base-path:/api/v1}/holiday-calendars")
public final class HolidayCalendarsController {
    static final String TEXT_CALENDAR = "text/calendar";

    private final ScheduledReports reports;
    private final Principals principals;

    /** Creates the controller. */
    public HolidayCalendarsController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
    }

    @GetMapping
    CalendarListView list(HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return new CalendarListView(
                reports.storedHolidayCalendars(actor).stream()
                        .map(CalendarView::of)
                        .toList(),
                List.copyOf(reports.hostHolidayCalendarNames(actor)));
    }

    @GetMapping("/{name}")
    ResponseEntity<CalendarView> get(@PathVariable String name, HttpServletRequest request) {
        StoredHolidayCalendar c = reports.storedHolidayCalendar(principals.require(request, Actor.VIEWER), name);
        return ResponseEntity.ok().eTag(etag(c)).body(CalendarView.of(c));
    }

    /** Creates (201) or replaces (200) a calendar of rules; {@code version} or {@code If-Match} guards a replace. */
    @PutMapping(path = "/{name}", consumes = "application/json")
    ResponseEntity<CalendarView> put(
            @PathVariable String name,
            @RequestBody CalendarBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        CalendarDefinition definition = body.toDefinition();
        return stored(reports.putHolidayCalendar(actor, name, definition, version(body.version(), ifMatch)));
    }

    /**
     * Creates or replaces a calendar from an iCalendar file sent as the body; {@code weekend} (day names, comma
     * separated, default {@code SATURDAY,SUNDAY}, empty for none) and {@code version} are query parameters.
     */
    @PutMapping(path = "/{name}", consumes = TEXT_CALENDAR)
    ResponseEntity<CalendarView> putIcs(
            @PathVariable String name,
            @RequestBody String ics,
            @RequestParam(required = false) String weekend,
            @RequestParam(required = false) Long version,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        List<String> days =
                weekend == null ? null : weekend.isBlank() ? List.of() : Arrays.asList(weekend.split(",", -1));
        CalendarDefinition definition = CalendarDefinition.ics(CalendarBody.weekend(days), ics);
        return stored(reports.putHolidayCalendar(actor, name, definition, version(version, ifMatch)));
    }

    /** Deletes a stored calendar; 409 naming the schedules while schedules use it and no host calendar would. */
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name, HttpServletRequest request) {
        reports.deleteHolidayCalendar(principals.require(request, Actor.ADMIN), name);
    }

    private static ResponseEntity<CalendarView> stored(StoredHolidayCalendar c) {
        return ResponseEntity.status(c.version() == 1 ? HttpStatus.CREATED : HttpStatus.OK)
                .eTag(etag(c))
                .body(CalendarView.of(c));
    }

    private static String etag(StoredHolidayCalendar c) {
        return "\"" + c.version() + "\"";
    }

    /** The version from the body or query, else from {@code If-Match}; null (replace any) when neither is sent. */
    private static Long version(Long given, String ifMatch) {
        if (given != null || ifMatch == null || ifMatch.isBlank()) {
            return given;
        }
        String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ReportsValidationException(
                    "version", "If-Match must carry the calendar's version, e.g. \"3\", was " + ifMatch);
        }
    }
}
