package io.scheduledreports.spi;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a formatter renders one report: the reader's locale and time zone, a title and generation time for
 * formats that show them, the report's parameters as display strings, and format-specific settings (for
 * example {@code csv.bom=true}, {@code pdf.orientation=landscape}; each formatter documents its keys).
 *
 * @param locale locale for numbers, dates and labels
 * @param zone time zone in which date-time cells are shown
 * @param title report title (PDF title, XLSX sheet name base); never null
 * @param generatedAt when the report was generated
 * @param parameters parameters to show in a header block, in order; never null
 * @param settings format-specific settings; never null
 */
public record FormatOptions(
        Locale locale,
        ZoneId zone,
        String title,
        Instant generatedAt,
        Map<String, String> parameters,
        Map<String, String> settings) {

    /** Validates and copies the options. */
    public FormatOptions {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(generatedAt, "generatedAt");
        title = title == null ? "" : title;
        parameters =
                parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** Options for English, UTC, no title, generated now. */
    public static FormatOptions ofDefaults() {
        return new FormatOptions(Locale.ENGLISH, ZoneId.of("UTC"), "", Instant.now(), Map.of(), Map.of());
    }

    /** A setting, or {@code defaultValue} when absent. */
    public String setting(String key, String defaultValue) {
        return settings.getOrDefault(key, defaultValue);
    }

    /** These options with another locale. */
    public FormatOptions withLocale(Locale newLocale) {
        return new FormatOptions(newLocale, zone, title, generatedAt, parameters, settings);
    }

    /** These options with another time zone. */
    public FormatOptions withZone(ZoneId newZone) {
        return new FormatOptions(locale, newZone, title, generatedAt, parameters, settings);
    }

    /** These options with another title. */
    public FormatOptions withTitle(String newTitle) {
        return new FormatOptions(locale, zone, newTitle, generatedAt, parameters, settings);
    }

    /** These options with one more format-specific setting. */
    public FormatOptions withSetting(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return new FormatOptions(locale, zone, title, generatedAt, parameters, copy);
    }
}
