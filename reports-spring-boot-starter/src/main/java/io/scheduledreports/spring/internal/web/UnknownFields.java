package io.scheduledreports.spring.internal.web;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses fields a request body does not define, instead of ignoring them: {@code "parameters"} sent for
 * {@code report_params} otherwise surfaced only as "report_params.date_range is required". The message names the
 * field and, where one is close, the field that was probably meant.
 */
final class UnknownFields {

    /** Names people send for our fields, from other products' APIs and from the Java builder. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("parameters", "report_params"),
            Map.entry("params", "report_params"),
            Map.entry("report_parameters", "report_params"),
            Map.entry("format", "output_format"),
            Map.entry("type", "report_type"),
            Map.entry("report", "report_type"),
            Map.entry("cron", "schedule"),
            Map.entry("cadence", "schedule"),
            Map.entry("timezone", "schedule"),
            Map.entry("time_zone", "schedule"),
            Map.entry("owner", "owner_id"),
            Map.entry("address", "destination"),
            Map.entry("email", "destination"),
            Map.entry("to", "destination"));

    private UnknownFields() {}

    /**
     * Throws for the first unknown field.
     *
     * @param unknown the fields the body did not define (may be null: none)
     * @param known the body's JSON field names
     * @param prefix path of the body in the request, e.g. {@code recipients[2].}, or empty
     */
    static void refuse(Map<String, Object> unknown, Set<String> known, String prefix) {
        if (unknown == null || unknown.isEmpty()) {
            return;
        }
        String name = unknown.keySet().iterator().next();
        String meant = suggestion(name, known);
        throw new ReportsValidationException(
                prefix + name,
                "unknown field" + (meant == null ? "" : "; did you mean " + prefix + meant + "?") + " Fields here: "
                        + String.join(", ", known.stream().sorted().toList()));
    }

    static String suggestion(String name, Set<String> known) {
        String alias = ALIASES.get(name.toLowerCase(Locale.ROOT));
        if (alias != null && known.contains(alias)) {
            return alias;
        }
        String n = normal(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String m = normal(k);
            int d = m.equals(n) ? 0 : distance(n, m);
            if ((d <= 2 || (n.length() >= 4 && (m.contains(n) || n.contains(m)))) && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Lower case without separators: {@code reportType}, {@code report-type} and {@code report_type} meet. */
    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
