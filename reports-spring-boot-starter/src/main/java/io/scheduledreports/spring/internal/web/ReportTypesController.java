package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ParameterSpec;
import io.scheduledreports.spi.ReportType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What may be scheduled, {@code /report-types}: the registered report types with their display names and
 * parameter descriptors, and the output formats and delivery channels a schedule may name. Any role may read it
 * (it describes the host's configuration, not tenant data); whether a caller may schedule a given type is still
 * decided by the host's {@code ReportAuthorizer} on create and update.
 */
@RestController
@RequestMapping("${scheduled-reports.api.base-path:/api/v1}/report-types")
public final class ReportTypesController {

    private final ScheduledReports reports;
    private final Principals principals;

    /** Creates the controller. */
    public ReportTypesController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
    }

    @GetMapping
    Catalog list(HttpServletRequest request) {
        principals.require(request, Actor.VIEWER);
        return new Catalog(
                reports.registeredReportTypes().stream().map(TypeView::of).toList(),
                List.copyOf(new TreeSet<>(reports.outputFormats())),
                List.copyOf(new TreeSet<>(reports.channels())));
    }

    /**
     * The answer.
     *
     * @param items report types ordered by id
     * @param outputFormats ids of the registered output formats
     * @param channels ids of the registered delivery channels
     */
    record Catalog(
            List<TypeView> items,
            @JsonProperty("output_formats") List<String> outputFormats,
            List<String> channels) {}

    /**
     * One report type.
     *
     * @param id the id schedules name in {@code report_type}
     * @param displayName human-readable name
     * @param parameters its parameters in declaration order
     */
    record TypeView(String id, @JsonProperty("display_name") String displayName, List<ParameterView> parameters) {

        static TypeView of(ReportType type) {
            return new TypeView(
                    type.id(),
                    type.displayName(),
                    type.parameters().stream().map(ParameterView::of).toList());
        }
    }

    /**
     * One parameter descriptor.
     *
     * @param name key in {@code report_params}
     * @param kind {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code date_range} or
     *     {@code string_list}
     * @param required whether a schedule must give it
     * @param allowedValues the only accepted values of a string parameter; empty means any
     * @param description one line for people, possibly empty
     */
    record ParameterView(
            String name,
            String kind,
            boolean required,
            @JsonProperty("allowed_values") List<String> allowedValues,
            String description) {

        static ParameterView of(ParameterSpec p) {
            return new ParameterView(
                    p.name(),
                    p.kind().name().toLowerCase(Locale.ROOT),
                    p.required(),
                    p.allowedValues(),
                    p.description());
        }
    }
}
