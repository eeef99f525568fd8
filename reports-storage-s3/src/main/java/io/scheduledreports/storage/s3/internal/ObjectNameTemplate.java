package io.scheduledreports.storage.s3.internal;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object name template such as {@code {schedule}/{date}/{file_name}}: segments separated by {@code /}, each
 * made of safe literal characters and variables. Every rendered segment is sanitised, so a schedule name or a
 * file name can never add a segment or climb out of the destination prefix.
 */
public final class ObjectNameTemplate {

    /** The variables a template may use. */
    public static final List<String> VARIABLES =
            List.of("schedule", "schedule_id", "execution_id", "tenant", "date", "file_name");

    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._-]*");

    private final String template;
    private final List<String> segments;

    private ObjectNameTemplate(String template, List<String> segments) {
        this.template = template;
        this.segments = segments;
    }

    /**
     * Parses and checks a template.
     *
     * @param field the field named in errors
     * @throws ReportsValidationException naming {@code field}, the rule and the value
     */
    public static ObjectNameTemplate parse(String field, String template) {
        if (template == null || template.isBlank() || template.length() > 512) {
            throw new ReportsValidationException(
                    field,
                    "must be 1-512 characters, was "
                            + (template == null ? "null" : "'" + ObjectKeys.printable(template) + "'"));
        }
        List<String> segments = List.of(template.split("/", -1));
        boolean unique = false;
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new ReportsValidationException(
                        field, "empty, '.' or '..' segment in '" + ObjectKeys.printable(template) + "'");
            }
            Matcher m = VARIABLE.matcher(segment);
            int last = 0;
            while (m.find()) {
                literal(field, template, segment.substring(last, m.start()));
                String name = m.group(1);
                if (!VARIABLES.contains(name)) {
                    throw new ReportsValidationException(
                            field, "unknown variable '{" + ObjectKeys.printable(name) + "}'; known: " + VARIABLES);
                }
                unique |= name.equals("file_name") || name.equals("execution_id");
                last = m.end();
            }
            literal(field, template, segment.substring(last));
        }
        if (!unique) {
            throw new ReportsValidationException(
                    field,
                    "must contain {file_name} or {execution_id} so every run writes its own object, was '"
                            + ObjectKeys.printable(template) + "'");
        }
        return new ObjectNameTemplate(template, segments);
    }

    private static void literal(String field, String template, String text) {
        if (!LITERAL.matcher(text).matches()) {
            throw new ReportsValidationException(
                    field,
                    "literal text may only use [A-Za-z0-9._-] and {variables}, was '" + ObjectKeys.printable(template)
                            + "'");
        }
    }

    /** Renders the template; each segment is sanitised after substitution. */
    public String render(Map<String, String> values) {
        List<String> out = new ArrayList<>(segments.size());
        for (String segment : segments) {
            Matcher m = VARIABLE.matcher(segment);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
            }
            m.appendTail(b);
            out.add(ObjectKeys.sanitise(b.toString()));
        }
        return String.join("/", out);
    }

    @Override
    public String toString() {
        return template;
    }
}
