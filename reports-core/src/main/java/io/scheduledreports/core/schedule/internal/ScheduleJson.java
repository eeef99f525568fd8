package io.scheduledreports.core.schedule.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.schedule.Cadence;
import io.scheduledreports.core.schedule.InvalidScheduleException;
import io.scheduledreports.core.schedule.OnHoliday;
import io.scheduledreports.core.schedule.ScheduleSpec;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneRulesException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and writes the JSON shape of a {@link ScheduleSpec} (README, "Schedules"). */
public final class ScheduleJson {
    public static final String CADENCE = "cadence";
    public static final String TIME = "time";
    public static final String DAY_OF_WEEK = "day_of_week";
    public static final String DAY_OF_MONTH = "day_of_month";
    public static final String CRON_EXPRESSION = "cron_expression";
    public static final String RUN_AT = "run_at";
    public static final String TIMEZONE = "timezone";
    public static final String BUSINESS_DAYS = "business_days";
    public static final String HOLIDAY_CALENDAR = "holiday_calendar";
    public static final String ON_HOLIDAY = "on_holiday";
    public static final String FIRST_BUSINESS_DAY = "first_business_day";
    public static final String LAST_BUSINESS_DAY = "last_business_day";
    public static final String BUSINESS_DAY = "business_day";
    public static final String WEEKDAY = "weekday";
    public static final String ORDINAL = "ordinal";
    /** The field named when the document as a whole is wrong. */
    public static final String SCHEDULE = "schedule";

    private static final List<String> ALL_KEYS = List.of(
            CADENCE,
            TIME,
            DAY_OF_WEEK,
            DAY_OF_MONTH,
            CRON_EXPRESSION,
            RUN_AT,
            TIMEZONE,
            BUSINESS_DAYS,
            HOLIDAY_CALENDAR,
            ON_HOLIDAY);
    /** Keys a cadence may leave out, beside the required ones of {@link #KEYS}. */
    private static final List<String> OPTIONAL_KEYS = List.of(HOLIDAY_CALENDAR, ON_HOLIDAY);

    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final Map<Cadence, List<String>> KEYS = Map.of(
            Cadence.DAILY, List.of(CADENCE, TIME, TIMEZONE),
            Cadence.WEEKLY, List.of(CADENCE, TIME, DAY_OF_WEEK, TIMEZONE),
            Cadence.MONTHLY, List.of(CADENCE, TIME, DAY_OF_MONTH, TIMEZONE),
            Cadence.CRON, List.of(CADENCE, CRON_EXPRESSION, TIMEZONE),
            Cadence.ONCE, List.of(CADENCE, RUN_AT, TIMEZONE));

    private static final String CADENCES = "daily, weekly, monthly, cron, once";
    private static final String TIME_RULE = "must be HH:mm (00:00-23:59)";
    private static final String DAY_OF_WEEK_RULE = "must be 1-7 (Monday=1) or a list of them";
    private static final String DAY_OF_MONTH_RULE = "must be 1-31 or \"last\"";
    private static final String DAY_OF_MONTH_FORMS = "must be 1-31, \"last\", \"first_business_day\","
            + " \"last_business_day\", {\"business_day\": N} or {\"weekday\": \"MON\", \"ordinal\": 1}";
    private static final String ON_HOLIDAY_RULE = "must be NEXT_BUSINESS_DAY, PREVIOUS_BUSINESS_DAY or SKIP";
    private static final String RUN_AT_RULE =
            "must be a local date-time yyyy-MM-ddTHH:mm[:ss] without offset (the zone is timezone)";
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final DateTimeFormatter RUN_AT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_VALUE_IN_MESSAGE = 80;
    /** Jackson's "[Source: REDACTED ...; line: 1, column: 1]" inside messages, reduced to the position. */
    private static final Pattern SOURCE_REFERENCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ScheduleJson() {}

    /** Parses the JSON object; every problem is an {@link InvalidScheduleException} naming the field. */
    public static ScheduleSpec read(String json, HolidayCalendars calendars) {
        if (json == null || json.isBlank()) {
            throw new InvalidScheduleException(
                    SCHEDULE, "must be a JSON object, was " + (json == null ? "null" : "''"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidScheduleException(SCHEDULE, "malformed JSON: " + describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidScheduleException(
                    SCHEDULE,
                    "must be a JSON object, was "
                            + (root == null
                                    ? "empty"
                                    : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        Cadence cadence = cadence(root.get(CADENCE));
        List<String> allowed = KEYS.get(cadence);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)
                    && !OPTIONAL_KEYS.contains(key)
                    && !(key.equals(BUSINESS_DAYS) && cadence == Cadence.DAILY)) {
                String problem = ALL_KEYS.contains(key) ? "not used by cadence " + cadence.jsonName() : "unknown key";
                throw new InvalidScheduleException(
                        truncate(key),
                        problem + "; a " + cadence.jsonName() + " schedule takes " + String.join(", ", allowed));
            }
        }
        for (String key : allowed) {
            if (!root.has(key)) {
                throw new InvalidScheduleException(key, "required for cadence " + cadence.jsonName());
            }
        }
        ScheduleSpec.Builder builder = ScheduleSpec.builder().cadence(cadence);
        switch (cadence) {
            case DAILY -> builder.time(time(root.get(TIME)));
            case WEEKLY -> builder.time(time(root.get(TIME))).daysOfWeek(daysOfWeek(root.get(DAY_OF_WEEK)));
            case MONTHLY -> {
                builder.time(time(root.get(TIME)));
                JsonNode day = root.get(DAY_OF_MONTH);
                if (day.isTextual() && day.textValue().equals("last")) {
                    builder.lastDayOfMonth();
                } else if (day.isTextual() && day.textValue().equals(FIRST_BUSINESS_DAY)) {
                    builder.businessDayOfMonth(1);
                } else if (day.isTextual() && day.textValue().equals(LAST_BUSINESS_DAY)) {
                    builder.businessDayOfMonth(-1);
                } else if (day.isObject()) {
                    dayOfMonthObject(day, builder);
                } else {
                    builder.dayOfMonth(intIn(day, 1, 31, DAY_OF_MONTH, DAY_OF_MONTH_RULE));
                }
            }
            case CRON -> builder.cronExpression(cronExpression(root.get(CRON_EXPRESSION)));
            case ONCE -> builder.runAt(runAt(root.get(RUN_AT)));
        }
        JsonNode businessDays = root.get(BUSINESS_DAYS);
        if (businessDays != null) {
            if (!businessDays.isBoolean()) {
                throw new InvalidScheduleException(BUSINESS_DAYS, "must be true or false, was " + value(businessDays));
            }
            builder.businessDays(businessDays.booleanValue());
        }
        JsonNode calendar = root.get(HOLIDAY_CALENDAR);
        if (calendar != null) {
            String name = calendar.isTextual() ? calendar.textValue() : null;
            if (name == null || !HolidayCalendars.NAME.matcher(name).matches()) {
                throw new InvalidScheduleException(
                        HOLIDAY_CALENDAR,
                        "must be the name of a registered calendar (1-64 letters, digits, '.', '_' or '-'), was "
                                + value(calendar));
            }
            var found = calendars.find(name);
            if (found.isEmpty()) {
                throw new InvalidScheduleException(
                        HOLIDAY_CALENDAR, "unknown calendar " + value(calendar) + "; register it with the host first");
            }
            builder.holidayCalendar(name, found.get());
        }
        JsonNode onHoliday = root.get(ON_HOLIDAY);
        if (onHoliday != null) {
            builder.onHoliday(onHoliday(onHoliday));
        }
        return builder.zone(zone(root.get(TIMEZONE))).build();
    }

    private static void dayOfMonthObject(JsonNode day, ScheduleSpec.Builder builder) {
        List<String> keys = new ArrayList<>();
        day.fieldNames().forEachRemaining(keys::add);
        if (keys.equals(List.of(BUSINESS_DAY))) {
            JsonNode n = day.get(BUSINESS_DAY);
            if (n.isIntegralNumber() && n.canConvertToInt() && n.intValue() != 0 && Math.abs(n.intValue()) <= 31) {
                builder.businessDayOfMonth(n.intValue());
                return;
            }
            throw new InvalidScheduleException(
                    DAY_OF_MONTH, "business_day must be 1-31 or -31 to -1 (from the end), was " + value(n));
        }
        if (keys.size() == 2 && keys.contains(WEEKDAY) && keys.contains(ORDINAL)) {
            JsonNode weekday = day.get(WEEKDAY);
            int index = weekday.isTextual() ? DAYS.indexOf(weekday.textValue()) : -1;
            if (index < 0) {
                throw new InvalidScheduleException(
                        DAY_OF_MONTH, "weekday must be one of " + String.join(", ", DAYS) + ", was " + value(weekday));
            }
            JsonNode ordinal = day.get(ORDINAL);
            if (ordinal.isIntegralNumber()
                    && ordinal.canConvertToInt()
                    && (ordinal.intValue() == -1 || ordinal.intValue() >= 1 && ordinal.intValue() <= 5)) {
                builder.weekdayOfMonth(DayOfWeek.of(index + 1), ordinal.intValue());
                return;
            }
            throw new InvalidScheduleException(
                    DAY_OF_MONTH, "ordinal must be 1-5 or -1 (the last), was " + value(ordinal));
        }
        throw new InvalidScheduleException(DAY_OF_MONTH, DAY_OF_MONTH_FORMS + ", was " + value(day));
    }

    private static OnHoliday onHoliday(JsonNode node) {
        if (node.isTextual()) {
            for (OnHoliday policy : OnHoliday.values()) {
                if (policy.name().equals(node.textValue())) {
                    return policy;
                }
            }
        }
        throw new InvalidScheduleException(ON_HOLIDAY, ON_HOLIDAY_RULE + ", was " + value(node));
    }

    /** The canonical JSON object: keys in a fixed order, one day of week as a number, several as a list. */
    public static String write(ScheduleSpec spec) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(CADENCE, spec.cadence().jsonName());
        spec.time().ifPresent(t -> node.put(TIME, t.toString()));
        if (spec.cadence() == Cadence.WEEKLY) {
            if (spec.daysOfWeek().size() == 1) {
                node.put(DAY_OF_WEEK, spec.daysOfWeek().iterator().next().getValue());
            } else {
                ArrayNode days = node.putArray(DAY_OF_WEEK);
                spec.daysOfWeek().forEach(d -> days.add(d.getValue()));
            }
        }
        if (spec.isLastDayOfMonth()) {
            node.put(DAY_OF_MONTH, "last");
        }
        spec.businessDayOfMonth().ifPresent(n -> {
            if (n == 1) {
                node.put(DAY_OF_MONTH, FIRST_BUSINESS_DAY);
            } else if (n == -1) {
                node.put(DAY_OF_MONTH, LAST_BUSINESS_DAY);
            } else {
                node.putObject(DAY_OF_MONTH).put(BUSINESS_DAY, n);
            }
        });
        spec.weekdayOfMonth()
                .ifPresent(d -> node.putObject(DAY_OF_MONTH)
                        .put(WEEKDAY, DAYS.get(d.getValue() - 1))
                        .put(ORDINAL, spec.weekdayOrdinal()));
        if (spec.isBusinessDays()) {
            node.put(BUSINESS_DAYS, true);
        }
        spec.dayOfMonth().ifPresent(d -> node.put(DAY_OF_MONTH, d));
        spec.cronExpression().ifPresent(c -> node.put(CRON_EXPRESSION, c));
        spec.runAt().ifPresent(r -> node.put(RUN_AT, r.toString()));
        node.put(TIMEZONE, spec.zone().getId());
        spec.holidayCalendarName().ifPresent(name -> node.put(HOLIDAY_CALENDAR, name));
        spec.onHoliday().ifPresent(policy -> node.put(ON_HOLIDAY, policy.name()));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write schedule JSON", e);
        }
    }

    private static Cadence cadence(JsonNode node) {
        if (node == null) {
            throw new InvalidScheduleException(CADENCE, "required, one of " + CADENCES);
        }
        if (node.isTextual()) {
            for (Cadence c : Cadence.values()) {
                if (c.jsonName().equals(node.textValue())) {
                    return c;
                }
            }
        }
        throw new InvalidScheduleException(CADENCE, "must be one of " + CADENCES + ", was " + value(node));
    }

    private static LocalTime time(JsonNode node) {
        if (node.isTextual() && HH_MM.matcher(node.textValue()).matches()) {
            return LocalTime.parse(node.textValue());
        }
        throw new InvalidScheduleException(TIME, TIME_RULE + ", was " + value(node));
    }

    private static List<DayOfWeek> daysOfWeek(JsonNode node) {
        List<DayOfWeek> days = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new InvalidScheduleException(DAY_OF_WEEK, DAY_OF_WEEK_RULE + ", was []");
            }
            for (JsonNode element : node) {
                DayOfWeek day = DayOfWeek.of(intIn(element, 1, 7, DAY_OF_WEEK, DAY_OF_WEEK_RULE));
                if (days.contains(day)) {
                    throw new InvalidScheduleException(
                            DAY_OF_WEEK, "lists day " + day.getValue() + " twice, was " + value(node));
                }
                days.add(day);
            }
        } else {
            days.add(DayOfWeek.of(intIn(node, 1, 7, DAY_OF_WEEK, DAY_OF_WEEK_RULE)));
        }
        return days;
    }

    private static int intIn(JsonNode node, int min, int max, String field, String rule) {
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= min && node.intValue() <= max) {
            return node.intValue();
        }
        throw new InvalidScheduleException(field, rule + ", was " + value(node));
    }

    private static String cronExpression(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new InvalidScheduleException(
                CRON_EXPRESSION, "must be a cron expression string such as '0 9 * * 1-5', was " + value(node));
    }

    private static LocalDateTime runAt(JsonNode node) {
        if (node.isTextual()) {
            try {
                return LocalDateTime.parse(node.textValue(), RUN_AT_FORMAT);
            } catch (DateTimeParseException e) {
                throw new InvalidScheduleException(RUN_AT, RUN_AT_RULE + ", was " + value(node), e);
            }
        }
        throw new InvalidScheduleException(RUN_AT, RUN_AT_RULE + ", was " + value(node));
    }

    /** IANA region ids (tzdb), read once: ZoneId.getAvailableZoneIds() copies the set on every call. */
    private static final java.util.Set<String> REGION_IDS = java.util.Set.copyOf(ZoneId.getAvailableZoneIds());

    private static final java.util.Map<String, String> REGION_IDS_BY_LOWER_CASE = REGION_IDS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(
                    id -> id.toLowerCase(java.util.Locale.ROOT), id -> id, (a, b) -> a));

    /**
     * Region ids only ({@code Europe/Berlin}, {@code UTC}, {@code Etc/GMT-2}): a fixed offset such as
     * {@code +02:00} or {@code GMT+2} does not follow daylight saving time, so a "09:00" schedule would drift by
     * an hour for half of the year.
     */
    private static ZoneId zone(JsonNode node) {
        if (node.isTextual() && !node.textValue().isBlank()) {
            String id = node.textValue();
            if (REGION_IDS.contains(id)) {
                return ZoneId.of(id);
            }
            String canonical = REGION_IDS_BY_LOWER_CASE.get(id.strip().toLowerCase(java.util.Locale.ROOT));
            if (canonical != null) {
                throw new InvalidScheduleException(
                        TIMEZONE,
                        "unknown zone " + value(node) + "; zone ids are case-sensitive, did you mean '" + canonical
                                + "'?");
            }
            ZoneId parsed;
            try {
                parsed = ZoneId.of(id);
            } catch (DateTimeException e) {
                throw new InvalidScheduleException(
                        TIMEZONE,
                        (e instanceof ZoneRulesException
                                        ? "unknown zone "
                                        : "must be an IANA zone id such as" + " 'Europe/Berlin', was ")
                                + value(node),
                        e);
            }
            java.time.ZoneOffset offset = parsed.getRules().getOffset(java.time.Instant.EPOCH);
            int seconds = offset.getTotalSeconds();
            String fixed = seconds % 3600 == 0
                    ? "; for a fixed offset on purpose use 'Etc/GMT"
                            + (seconds == 0 ? "" : (seconds > 0 ? "-" : "+") + Math.abs(seconds / 3600))
                            + "' (note the inverted sign)"
                    : "";
            throw new InvalidScheduleException(
                    TIMEZONE,
                    "must be an IANA region id such as 'Europe/Berlin', not a fixed offset: an offset does not follow"
                            + " daylight saving time" + fixed + ", was " + value(node));
        }
        throw new InvalidScheduleException(
                TIMEZONE, "must be an IANA zone id such as 'Europe/Berlin', was " + value(node));
    }

    /** A JSON value as messages show it: strings in single quotes, everything else as JSON. */
    private static String value(JsonNode node) {
        return node.isTextual() ? "'" + truncate(node.textValue()) + "'" : truncate(node.toString());
    }

    private static String truncate(String s) {
        return s.length() <= MAX_VALUE_IN_MESSAGE ? s : s.substring(0, MAX_VALUE_IN_MESSAGE) + "...";
    }

    private static String describe(JacksonException e) {
        String message =
                SOURCE_REFERENCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("line $1, column $2");
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return message;
    }
}
