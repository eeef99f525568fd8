package io.scheduledreports.formats.internal;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads one format's per-report settings ({@code csv.*}, {@code xlsx.*}, {@code pdf.*}) from
 * {@link io.scheduledreports.spi.FormatOptions#settings()}. Keys of other formats are ignored, so one map can
 * serve every format; an unknown key with this format's prefix is a typo and is rejected.
 */
public final class Settings {
    private final Map<String, String> settings;

    private Settings(Map<String, String> settings) {
        this.settings = settings;
    }

    /**
     * Checks the keys of one format and returns a reader for their values.
     *
     * @param settings all settings of a report
     * @param prefix the format's prefix including the dot, e.g. {@code "csv."}
     * @param known the keys the format understands
     * @throws ReportsValidationException naming the first unknown key
     */
    public static Settings of(Map<String, String> settings, String prefix, Set<String> known) {
        for (String key : settings.keySet()) {
            if (key.startsWith(prefix) && !known.contains(key)) {
                throw new ReportsValidationException(
                        key, "unknown setting; known settings are " + new TreeSet<>(known));
            }
        }
        return new Settings(settings);
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ReportsValidationException(key, "must be true or false, was '" + v + "'");
        };
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return checkRange(key, Integer.parseInt(v.trim()), min, max);
        } catch (NumberFormatException e) {
            throw new ReportsValidationException(
                    key, "must be a whole number " + min + "-" + max + ", was '" + v + "'");
        }
    }

    public char character(String key, char defaultValue) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        String s = "\\t".equals(v) ? "\t" : v;
        if (s.length() != 1) {
            throw new ReportsValidationException(key, "must be a single character, was '" + v + "'");
        }
        return s.charAt(0);
    }

    public <E extends Enum<E>> E choice(String key, E defaultValue, Class<E> type) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim())) {
                return e;
            }
        }
        throw new ReportsValidationException(
                key,
                "must be one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))
                        + ", was '" + v + "'");
    }

    /** A text of at most {@code maxLength} characters without control characters, or null when absent. */
    public String text(String key, int maxLength) {
        String v = settings.get(key);
        if (v == null) {
            return null;
        }
        if (v.isBlank() || v.length() > maxLength || v.codePoints().anyMatch(Character::isISOControl)) {
            throw new ReportsValidationException(
                    key,
                    "must be 1-" + maxLength + " characters without control characters, was '"
                            + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "' (" + v.length()
                            + " characters)");
        }
        return v.strip();
    }

    /**
     * A comma-separated list of whole numbers, each in {@code min}-{@code max}, at most {@code maxCount} of
     * them; an empty array when absent.
     */
    public int[] integers(String key, int min, int max, int maxCount) {
        String v = settings.get(key);
        if (v == null) {
            return new int[0];
        }
        String[] parts = v.split(",", -1);
        if (v.isBlank() || parts.length > maxCount) {
            throw new ReportsValidationException(
                    key, "must be a list of 1-" + maxCount + " whole numbers " + min + "-" + max + ", was '" + v + "'");
        }
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new ReportsValidationException(
                        key, "must be whole numbers " + min + "-" + max + ", element " + i + " was '" + parts[i] + "'");
            }
            if (values[i] < min || values[i] > max) {
                throw new ReportsValidationException(
                        key, "must be whole numbers " + min + "-" + max + ", element " + i + " was " + values[i]);
            }
        }
        return values;
    }

    /** Checks a builder or setting value against an inclusive range. */
    public static int checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ReportsValidationException(field, "must be " + min + "-" + max + ", was " + value);
        }
        return value;
    }
}
