package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.ReportsNotFoundException;
import io.scheduledreports.core.ReportsQuotaExceededException;
import io.scheduledreports.core.ReportsRateLimitedException;
import io.scheduledreports.core.ReportsRunInProgressException;
import io.scheduledreports.core.ReportsStaleVersionException;
import io.scheduledreports.core.links.InvalidDownloadTokenException;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Errors of the reports API as RFC 9457 problem details. Input errors carry {@code errors: [{field, message}]}
 * naming the JSON field. Validation 400, quota 422, unauthenticated 401, access denied 403, not found (also
 * another tenant's objects) 404, stale version, run in progress and calendar in use 409, expired download link 410, manual-run
 * limits 429 with {@code Retry-After}. Applies to this API's
 * controllers only, never to the host's.
 */
@RestControllerAdvice(
        assignableTypes = {
            ScheduledReportsController.class,
            ReportExecutionsController.class,
            AdminController.class,
            DeadLettersController.class,
            DeliveryTestsController.class,
            HolidayCalendarsController.class,
            AuditEventsController.class,
            ReportTypesController.class,
            CallerController.class,
            RecipientsController.class,
            UnsubscribeController.class,
            PrivacyAdminController.class,
            WeeklySummaryController.class
        })
public final class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> quota(ReportsQuotaExceededException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Quota exceeded", e.getMessage(), e.field(), e);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> runInProgress(ReportsRunInProgressException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        body.setTitle("Run in progress");
        body.setProperty("execution_id", e.executionId());
        body.setProperty("errors", List.of(error("run", e.getMessage().substring("run: ".length()))));
        return ResponseEntity.of(body).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rateLimited(ReportsRateLimitedException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        body.setTitle("Too many requests");
        body.setProperty("retry_after_seconds", e.retryAfterSeconds());
        body.setProperty(
                "errors",
                List.of(error(e.limit(), e.getMessage().substring(e.limit().length() + 2))));
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(body);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> token(InvalidDownloadTokenException e) {
        boolean expired = e.reason() == InvalidDownloadTokenException.Reason.EXPIRED;
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                expired ? HttpStatus.GONE : HttpStatus.NOT_FOUND,
                expired ? "The download link has expired; ask for a new one." : "No file for this download link.");
        body.setTitle(expired ? "Download link expired" : "Not found");
        return ResponseEntity.of(body).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(ReportsValidationException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.field(), e);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ReportsNotFoundException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        body.setTitle("Not found");
        return ResponseEntity.of(body).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> calendarInUse(io.scheduledreports.core.CalendarInUseException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        body.setTitle("Calendar in use");
        body.setProperty("schedule_ids", e.scheduleIds());
        body.setProperty("schedule_count", e.scheduleCount());
        body.setProperty(
                "errors", List.of(error("holiday_calendar", e.getMessage().substring("holiday_calendar: ".length()))));
        return ResponseEntity.of(body).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> stale(ReportsStaleVersionException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        body.setTitle("Stale version");
        body.setProperty("current_version", e.actual());
        body.setProperty("errors", List.of(error("version", e.getMessage())));
        return ResponseEntity.of(body).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> denied(ReportsAccessDeniedException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        body.setTitle("Access denied");
        return ResponseEntity.of(body).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(Unauthenticated e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "Sign in to use the reports API: no user was found for this request.");
        body.setTitle("Unauthenticated");
        return ResponseEntity.of(body).build();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ReportsValidationException ours = find(e, ReportsValidationException.class);
        if (ours != null) {
            return cast(invalid(ours));
        }
        JacksonException json = find(e, JacksonException.class);
        String field = json == null || json.getPath().isEmpty() ? "body" : path(json);
        String message = json == null ? "is not readable JSON" : json.getOriginalMessage();
        return cast(problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message, field, e));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String message = field + ": must be "
                + (e.getRequiredType() == null
                        ? "of another type"
                        : "a " + e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT))
                + ", was '" + e.getValue() + "'";
        return cast(problem(HttpStatus.BAD_REQUEST, "Invalid request", message, field, e));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getParameterName();
        return cast(problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": is required", field, e));
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String title, String detail, String field, Exception cause) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        String message = detail.startsWith(field + ": ") ? detail.substring(field.length() + 2) : detail;
        body.setProperty("errors", List.of(error(field, message)));
        return ResponseEntity.of(body).build();
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
