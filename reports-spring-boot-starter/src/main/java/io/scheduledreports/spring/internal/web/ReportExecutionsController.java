package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.ArtifactDownload;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
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

    /** Creates the controller. */
    public ReportExecutionsController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
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
