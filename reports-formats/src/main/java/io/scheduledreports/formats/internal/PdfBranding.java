package io.scheduledreports.formats.internal;

import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.ReportsValidationException;
import java.awt.Color;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report's PDF looks like beyond its table, chosen by settings that have been validated: a logo the host
 * registered, title and subtitle, a running header and a footer text, an accent colour and a font family.
 *
 * <p>Texts may contain variables in braces: {@code {report}} (the report's title), {@code {generated}} (when it
 * was generated, in the report's zone and locale), {@code {zone}}, any parameter of the report by name (e.g.
 * {@code {region}}; resolved values, relative date windows already turned into dates), and in the header and
 * footer {@code {page}} and {@code {pages}}. An unknown name is shown as written.
 *
 * @param logo the logo image (PNG or JPEG bytes), or null
 * @param title the title template, or null for the report's title
 * @param subtitle the subtitle template, or null
 * @param header the running header template, or null
 * @param footer the footer template, or null for the report's title
 * @param accent the accent colour, or null for the default palette
 * @param fonts the font family
 */
public record PdfBranding(
        byte[] logo, String title, String subtitle, String header, String footer, Color accent, PdfFontFamily fonts) {

    /** No branding: the bundled font, default colours, the report's title. */
    public static final PdfBranding NONE = new PdfBranding(null, null, null, null, null, null, PdfFontFamily.bundled());

    /** The longest text setting. */
    public static final int MAX_TEXT = 300;

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_.\\-]*)}");
    private static final Pattern COLOUR = Pattern.compile("#?([0-9A-Fa-f]{6})");
    private static final Set<String> PAGE_VARIABLES = Set.of("page", "pages");

    /**
     * Checks a text setting: length, no control characters, balanced braces, and page variables only where
     * pages exist.
     *
     * @param key the setting's key, named in errors
     * @param value the value, or null
     * @param pageVariables whether {@code {page}} and {@code {pages}} are allowed
     * @return the value, or null
     */
    public static String text(String key, String value, boolean pageVariables) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new ReportsValidationException(
                    key, "must be at most " + MAX_TEXT + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new ReportsValidationException(
                        key, "must not contain control characters, was '" + printable(value) + "'");
            }
        }
        String rest = VARIABLE.matcher(value).replaceAll("");
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
            throw new ReportsValidationException(
                    key, "variables are written {name} with letters, digits, '_', '.' or '-', was '" + value + "'");
        }
        Matcher m = VARIABLE.matcher(value);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                throw new ReportsValidationException(key, "an empty variable {} is not allowed, was '" + value + "'");
            }
            if (!pageVariables && PAGE_VARIABLES.contains(m.group(1))) {
                throw new ReportsValidationException(
                        key, "{" + m.group(1) + "} is only known in pdf.header and pdf.footer, was '" + value + "'");
            }
        }
        return value;
    }

    private static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            sb.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
        }
        return sb.toString();
    }

    /** Parses {@code #RRGGBB} (the # is optional), or returns null for null. */
    public static Color colour(String key, String value) {
        if (value == null) {
            return null;
        }
        Matcher m = COLOUR.matcher(value.trim());
        if (!m.matches()) {
            throw new ReportsValidationException(key, "must be a colour #RRGGBB, e.g. #1F6FB2, was '" + value + "'");
        }
        return new Color(Integer.parseInt(m.group(1), 16));
    }

    /**
     * The variables of one document except the page ones.
     *
     * @param options the report's options
     * @return name to value
     */
    static Map<String, String> variables(FormatOptions options) {
        Map<String, String> vars = new java.util.HashMap<>(options.parameters());
        vars.put("report", options.title());
        vars.put(
                "generated",
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(options.locale())
                        .format(ZonedDateTime.ofInstant(options.generatedAt(), options.zone())));
        vars.put("zone", options.zone().getId());
        return vars;
    }

    /** {@code template} with its variables replaced; unknown ones stay as written. */
    static String resolve(String template, Map<String, String> vars) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        Matcher m = VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
