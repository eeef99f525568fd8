package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.ArtifactDownload;
import io.scheduledreports.core.ExecutionQuery;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Trigger;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads of generated files: {@code /report-executions/{eid}/download} for callers of the execution's tenant,
 * and {@code /report-executions/download?token=...} for signed links (no login; 410 when the link expired, 404
 * for any other bad token). Files are streamed, never loaded into memory.
 */
@RestController
@RequestMapping("${scheduled-reports.api.base-path:/api/v1}/report-executions")
public final class ReportExecutionsController {

    private final ScheduledReports reports;
    private final Principals principals;
    private final String basePath;

    /** Creates the controller; {@code basePath} prefixes the download URLs of listed executions. */
    public ReportExecutionsController(ScheduledReports reports, Principals principals, String basePath) {
        this.reports = reports;
        this.principals = principals;
        this.basePath = basePath;
    }

    /**
     * The tenant's executions across schedules, newest first: a viewer or creator sees the runs of its own schedules
     * (all of the tenant's with visibility {@code tenant}), an admin every run of the tenant.
     */
    @GetMapping
    PageView<ExecutionView> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String trigger,
            @RequestParam(name = "schedule_id", required = false) String scheduleId,
            @RequestParam(name = "report_type", required = false) String reportType,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        ListParams.refuseUnknown(
                request, java.util.Set.of("status", "trigger", "schedule_id", "report_type", "from", "to"));
        ExecutionQuery query = new ExecutionQuery(
                ScheduleBody.parse("status", status, ExecutionStatus.class),
                ScheduleBody.parse("trigger", trigger, Trigger.class),
                blankToNull(scheduleId),
                blankToNull(reportType),
                DeadLettersController.instant("from", from, false),
                DeadLettersController.instant("to", to, true),
                ListParams.page(page, size, limit));
        return PageView.of(
                reports.executions(actor, query), e -> ExecutionView.of(e, basePath, false, actor.isAdmin()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @GetMapping("/{eid}/download")
    ResponseEntity<Resource> download(@PathVariable String eid, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return stream(reports.openArtifact(actor, eid));
    }

    @GetMapping(path = "/download", params = "token")
    ResponseEntity<Resource> downloadByToken(@RequestParam String token) {
        return stream(reports.openDownload(token));
    }

    /** Streams the file; the converter closes the stream when it has been copied (or the copy failed). */
    static ResponseEntity<Resource> stream(ArtifactDownload download) {
        ContentDisposition disposition = isAscii(download.fileName())
                ? ContentDisposition.attachment().filename(download.fileName()).build()
                : ContentDisposition.attachment()
                        .filename(download.fileName(), StandardCharsets.UTF_8)
                        .build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.mediaType()))
                .contentLength(download.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-SHA256", download.sha256())
                // a report is private: never kept by a shared cache or the browser, never sniffed as HTML
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(download.stream()));
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
    }
}
