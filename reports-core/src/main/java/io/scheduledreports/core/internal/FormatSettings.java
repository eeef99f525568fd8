package io.scheduledreports.core.internal;

import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportsValidationException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule's {@code format_options} and the formatter's settings: the JSON names options in snake case without
 * the format's prefix ({@code page_size}), the formatter reads full camel-case keys ({@code pdf.pageSize}). Values
 * become the strings formatters parse: booleans and numbers as written, lists joined with commas. Errors name
 * {@code format_options.<name>} as the caller spelled it.
 */
final class FormatSettings {
    /** Most options per schedule. */
    static final int MAX_OPTIONS = 50;
    /** Longest option value, as text. */
    static final int MAX_VALUE_LENGTH = 2_000;

    private static final String FIELD = "format_options";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    private FormatSettings() {}

    /**
     * Checks the options against the formatter, as a schedule is saved.
     *
     * @throws ReportsValidationException naming {@code format_options.<name>} with the rule
     */
    static void validate(OutputFormatter formatter, Map<String, Object> options) {
        Map<String, String> settings = toSettings(formatter, options);
        try {
            formatter.validateSettings(settings);
        } catch (ReportsValidationException e) {
            throw translate(formatter, e);
        }
    }

    /**
     * The formatter's settings for these options.
     *
     * @throws ReportsValidationException naming {@code format_options.<name>} for a name or value of a wrong shape
     */
    static Map<String, String> toSettings(OutputFormatter formatter, Map<String, Object> options) {
        if (options.size() > MAX_OPTIONS) {
            throw new ReportsValidationException(
                    FIELD, "must have at most " + MAX_OPTIONS + " options, had " + options.size());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, Object> option : options.entrySet()) {
            String name = option.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new ReportsValidationException(
                        FIELD + "." + name,
                        "option names are snake case (lower-case letters, digits and '_', e.g. page_size), was '"
                                + Text.clip(name, 64) + "'");
            }
            settings.put(formatter.settingsPrefix() + camel(name), value(FIELD + "." + name, option.getValue()));
        }
        return settings;
    }

    private static String value(String field, Object value) {
        String text;
        if (value instanceof CharSequence || value instanceof Boolean) {
            text = value.toString();
        } else if (value instanceof Number n) {
            text = number(n);
        } else if (value instanceof Collection<?> list && list.stream().allMatch(FormatSettings::scalar)) {
            StringBuilder sb = new StringBuilder();
            for (Object element : list) {
                sb.append(sb.isEmpty() ? "" : ",").append(element instanceof Number n ? number(n) : element.toString());
            }
            text = sb.toString();
        } else {
            throw new ReportsValidationException(
                    field,
                    "must be a string, a number, a boolean or a list of them, was "
                            + (value == null ? "null" : Text.clip(String.valueOf(value), 80)));
        }
        if (text.length() > MAX_VALUE_LENGTH) {
            throw new ReportsValidationException(
                    field, "must be at most " + MAX_VALUE_LENGTH + " characters, was " + text.length());
        }
        return text;
    }

    private static boolean scalar(Object o) {
        return o instanceof CharSequence || o instanceof Number || o instanceof Boolean;
    }

    private static String number(Number n) {
        return n instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : n.toString();
    }

    /** {@code page_size} to {@code pageSize}. */
    static String camel(String snake) {
        StringBuilder sb = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** {@code pageSize} to {@code page_size}. */
    static String snake(String camel) {
        return CAMEL.matcher(camel).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The formatter's error in the caller's terms: {@code pdf.accent} becomes {@code format_options.accent}. */
    private static ReportsValidationException translate(OutputFormatter formatter, ReportsValidationException e) {
        String prefix = formatter.settingsPrefix();
        String problem = e.getMessage().startsWith(e.field() + ": ")
                ? e.getMessage().substring(e.field().length() + 2)
                : e.getMessage();
        problem = problem.replace("unknown setting", "unknown option of format '" + formatter.id() + "'");
        Matcher keys = Pattern.compile(Pattern.quote(prefix) + "([A-Za-z0-9]+)").matcher(problem);
        problem = keys.replaceAll(m -> Matcher.quoteReplacement(snake(m.group(1))));
        String field =
                e.field().startsWith(prefix) ? FIELD + "." + snake(e.field().substring(prefix.length())) : FIELD;
        return new ReportsValidationException(field, problem, e);
    }
}
