package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.delivery.email.EmailTemplates;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed subject or body template: literal text and {@code {variable}} references to
 * {@link EmailTemplates#VARIABLES}; <code>{{</code> and <code>}}</code> are literal braces. Immutable.
 */
public final class Template {

    /** The variable rendered as a link in HTML. */
    static final String LINK_VARIABLE = "download_url";

    private sealed interface Part permits Literal, Variable {}

    private record Literal(String text) implements Part {}

    private record Variable(String name) implements Part {}

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a subject template: one line, not blank, at most {@link EmailTemplates#MAX_SUBJECT_LENGTH}.
     *
     * @throws ReportsValidationException naming {@code field}
     */
    public static Template subject(String field, String text) {
        requireText(field, text, EmailTemplates.MAX_SUBJECT_LENGTH);
        Quoted.requireNoControlCharacters(field, text);
        return parse(field, text);
    }

    /**
     * Parses a body template: not blank, at most {@link EmailTemplates#MAX_BODY_LENGTH}, line breaks and tabs
     * but no other control characters.
     *
     * @throws ReportsValidationException naming {@code field}
     */
    public static Template body(String field, String text) {
        requireText(field, text, EmailTemplates.MAX_BODY_LENGTH);
        if (text.codePoints().anyMatch(cp -> cp != '\n' && cp != '\r' && cp != '\t' && Quoted.isControl(cp))) {
            throw new ReportsValidationException(
                    field,
                    "must not contain control characters other than line breaks and tabs, was " + Quoted.of(text));
        }
        return parse(field, text);
    }

    private static void requireText(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            throw new ReportsValidationException(field, "must not be blank");
        }
        if (text.length() > maxLength) {
            throw new ReportsValidationException(
                    field, "must be at most " + maxLength + " characters, was " + text.length());
        }
    }

    private static Template parse(String field, String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean doubled = i + 1 < text.length() && text.charAt(i + 1) == c;
            if (c == '{' && doubled || c == '}' && doubled) {
                literal.append(c);
                i += 2;
            } else if (c == '{') {
                int close = text.indexOf('}', i + 1);
                int nextOpen = text.indexOf('{', i + 1);
                if (close < 0 || nextOpen >= 0 && nextOpen < close) {
                    throw new ReportsValidationException(
                            field,
                            "unclosed '{' at character " + (i + 1) + "; write '{{' for a literal brace, was "
                                    + Quoted.of(text));
                }
                String name = text.substring(i + 1, close);
                if (!EmailTemplates.VARIABLES.contains(name)) {
                    throw new ReportsValidationException(
                            field, "unknown variable {" + Quoted.escape(name) + "}; known: " + known());
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Variable(name));
                i = close + 1;
            } else if (c == '}') {
                throw new ReportsValidationException(
                        field,
                        "unmatched '}' at character " + (i + 1) + "; write '}}' for a literal brace, was "
                                + Quoted.of(text));
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new Template(parts);
    }

    private static String known() {
        return EmailTemplates.VARIABLES.stream().map(v -> "{" + v + "}").collect(Collectors.joining(", "));
    }

    /** The variables this template uses, in order of first use. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Variable v) {
                names.add(v.name());
            }
        }
        return names;
    }

    /** Plain text; a variable without a value renders empty. Line breaks become {@code \n}. */
    public String renderText(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Variable v -> out.append(values.getOrDefault(v.name(), ""));
            }
        }
        return out.toString().replace("\r\n", "\n").replace('\r', '\n');
    }

    /** One line for a header: each run of control characters or line breaks becomes one space. */
    public String renderLine(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        boolean inControl = false;
        for (int cp : renderText(values).codePoints().toArray()) {
            if (Quoted.isControl(cp)) {
                if (!inControl) {
                    out.append(' ');
                }
                inControl = true;
            } else {
                out.appendCodePoint(cp);
                inControl = false;
            }
        }
        return out.toString().strip();
    }

    /**
     * HTML: literal text and values escaped, line breaks as {@code <br>}, and {@code {download_url}} as a
     * link when its value is an http(s) URL.
     */
    public String renderHtml(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(Html.escapeLines(l.text()));
                case Variable v -> {
                    String value = values.getOrDefault(v.name(), "");
                    out.append(v.name().equals(LINK_VARIABLE) ? Html.link(value) : Html.escapeLines(value));
                }
            }
        }
        return out.toString();
    }
}
