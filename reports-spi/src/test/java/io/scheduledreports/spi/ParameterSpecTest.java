package io.scheduledreports.spi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSpecTest {

    private final ReportType type = ReportTypes.of("sales", (r, s) -> {})
            .withParameters(
                    ParameterSpec.required("date_range", ParameterSpec.Kind.DATE_RANGE),
                    ParameterSpec.optional("group_by", ParameterSpec.Kind.STRING)
                            .oneOf("region", "product"),
                    ParameterSpec.optional("limit", ParameterSpec.Kind.INTEGER),
                    ParameterSpec.optional("regions", ParameterSpec.Kind.STRING_LIST));

    @Test
    void acceptsValidParameters() {
        assertThatCode(() -> type.validateParameters(Map.of(
                        "date_range", "last_7_days", "group_by", "region", "limit", 10, "regions", List.of("EU"))))
                .doesNotThrowAnyException();
    }

    @Test
    void namesAMissingRequiredParameter() {
        assertThatThrownBy(() -> type.validateParameters(Map.of()))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("report_params.date_range: is required");
    }

    @Test
    void namesAnUnknownParameterAndListsTheKnownOnes() {
        assertThatThrownBy(() -> type.validateParameters(Map.of("date_range", "today", "colour", "red")))
                .hasMessage("report_params.colour: unknown parameter; known: [date_range, group_by, limit, regions]");
    }

    @Test
    void namesAValueOutsideTheAllowedOnes() {
        assertThatThrownBy(() -> type.validateParameters(Map.of("date_range", "today", "group_by", "planet")))
                .hasMessage("report_params.group_by: must be one of [region, product], was 'planet'");
    }

    @Test
    void namesAValueOfTheWrongKind() {
        assertThatThrownBy(() -> type.validateParameters(Map.of("date_range", "today", "limit", "ten")))
                .hasMessage("report_params.limit: must be integer, was ten");
        assertThatThrownBy(() -> type.validateParameters(Map.of("date_range", "today", "regions", List.of(1))))
                .hasMessage("report_params.regions: must be string_list, was [1]");
    }
}
