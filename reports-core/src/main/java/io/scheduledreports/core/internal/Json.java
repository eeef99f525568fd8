package io.scheduledreports.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON for stored parameters, options and audit values (Jackson 2, kept internal). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Map<String, String>>> OPTIONS = new TypeReference<>() {};

    private Json() {}

    /** Writes a value as JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ReportsValidationException("json", "value cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads a JSON object into an ordered map. */
    public static Map<String, Object> readMap(String json) {
        return read(json, MAP);
    }

    /** Reads a JSON object of strings. */
    public static Map<String, String> readStringMap(String json) {
        return read(json, STRING_MAP);
    }

    /** Reads a JSON array of strings. */
    public static java.util.List<String> readList(String json) {
        return read(json == null || json.isBlank() ? "[]" : json, new TypeReference<java.util.List<String>>() {});
    }

    /** Reads per-channel options. */
    public static Map<String, Map<String, String>> readOptions(String json) {
        return read(json, OPTIONS);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json == null || json.isBlank() ? "{}" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
