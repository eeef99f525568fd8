package io.scheduledreports.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Declares one parameter of a {@link ReportType}, so that parameters are validated when a schedule is
 * created, not when it first runs.
 *
 * @param name parameter name as it appears in {@code report_params}
 * @param kind the expected kind of value
 * @param required whether the parameter must be present
 * @param allowedValues for {@link Kind#STRING}: the only accepted values; empty means any
 * @param description one line for documentation and UIs
 */
public record ParameterSpec(String name, Kind kind, boolean required, List<String> allowedValues, String description) {

    /** Kinds of parameter values, as they arrive from JSON. */
    public enum Kind {
        /** A string. */
        STRING,
        /** A whole number. */
        INTEGER,
        /** Any number. */
        NUMBER,
        /** true or false. */
        BOOLEAN,
        /** A relative window such as {@code "last_7_days"}, resolved to a {@link DateRange} at run time. */
        DATE_RANGE,
        /** A list of strings. */
        STRING_LIST
    }

    /** Validates the spec. */
    public ParameterSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        description = description == null ? "" : description;
    }

    /** A required parameter. */
    public static ParameterSpec required(String name, Kind kind) {
        return new ParameterSpec(name, kind, true, List.of(), "");
    }

    /** An optional parameter. */
    public static ParameterSpec optional(String name, Kind kind) {
        return new ParameterSpec(name, kind, false, List.of(), "");
    }

    /** This spec restricted to the given string values. */
    public ParameterSpec oneOf(String... values) {
        return new ParameterSpec(name, kind, required, List.of(values), description);
    }

    /** This spec with a description. */
    public ParameterSpec describedAs(String text) {
        return new ParameterSpec(name, kind, required, allowedValues, text);
    }

    /**
     * Checks {@code parameters} against {@code specs}: required ones present, no unknown names, values of
     * the declared kind. Date ranges are checked for shape only (the engine checks the token).
     *
     * @throws ReportsValidationException naming {@code report_params.<name>}
     */
    public static void validateAll(List<ParameterSpec> specs, Map<String, ?> parameters) {
        Map<String, ?> params = parameters == null ? Map.of() : parameters;
        for (ParameterSpec spec : specs) {
            Object v = params.get(spec.name());
            if (v == null) {
                if (spec.required()) {
                    throw new ReportsValidationException("report_params." + spec.name(), "is required");
                }
                continue;
            }
            spec.check(v);
        }
        for (String key : params.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(key))) {
                throw new ReportsValidationException(
                        "report_params." + key,
                        "unknown parameter; known: "
                                + specs.stream().map(ParameterSpec::name).toList());
            }
        }
    }

    private void check(Object v) {
        String field = "report_params." + name;
        boolean ok = switch (kind) {
            case STRING, DATE_RANGE -> v instanceof String;
            case INTEGER -> v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger;
            case NUMBER -> v instanceof Number;
            case BOOLEAN -> v instanceof Boolean;
            case STRING_LIST -> v instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
        };
        if (!ok) {
            throw new ReportsValidationException(
                    field, "must be " + kind.name().toLowerCase(java.util.Locale.ROOT) + ", was " + v);
        }
        if (kind == Kind.STRING && !allowedValues.isEmpty() && !allowedValues.contains(v)) {
            throw new ReportsValidationException(field, "must be one of " + allowedValues + ", was '" + v + "'");
        }
    }
}
