package io.scheduledreports.core.internal;

import io.scheduledreports.core.calendar.CalendarDefinition;
import io.scheduledreports.core.calendar.StoredHolidayCalendar;
import io.scheduledreports.jdbc.TableNames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of the {@code holiday_calendars} table: one row per tenant and calendar name. */
final class CalendarStore {
    private static final String RULES = "RULES";
    private static final String ICS = "ICS";

    private final TableNames t;

    CalendarStore(TableNames tables) {
        this.t = tables;
    }

    /** The version of a stored calendar, or empty; a plain read that never waits for a lock. */
    Optional<Long> version(Handle h, String tenantId, String name) {
        return h.createQuery(
                        "SELECT version FROM " + t.holidayCalendars() + " WHERE tenant_id = :tenantId AND name = :name")
                .bind("tenantId", tenantId)
                .bind("name", name)
                .mapTo(Long.class)
                .findOne();
    }

    Optional<StoredHolidayCalendar> find(Handle h, String tenantId, String name) {
        return h.createQuery("SELECT * FROM " + t.holidayCalendars() + " WHERE tenant_id = :tenantId AND name = :name")
                .bind("tenantId", tenantId)
                .bind("name", name)
                .map(CalendarStore::calendar)
                .findOne();
    }

    /** The row locked until the transaction ends: changes to a calendar and schedules naming it take turns. */
    Optional<StoredHolidayCalendar> lock(Handle h, String tenantId, String name) {
        return h.createQuery("SELECT * FROM " + t.holidayCalendars()
                        + " WHERE tenant_id = :tenantId AND name = :name FOR UPDATE")
                .bind("tenantId", tenantId)
                .bind("name", name)
                .map(CalendarStore::calendar)
                .findOne();
    }

    List<StoredHolidayCalendar> list(Handle h, String tenantId) {
        return h.createQuery("SELECT * FROM " + t.holidayCalendars() + " WHERE tenant_id = :tenantId ORDER BY name")
                .bind("tenantId", tenantId)
                .map(CalendarStore::calendar)
                .list();
    }

    void insert(Handle h, StoredHolidayCalendar c) {
        h.createUpdate("INSERT INTO " + t.holidayCalendars()
                        + " (tenant_id, name, source, weekend, definition, version, created_by, updated_by, created_at,"
                        + " updated_at) VALUES (:tenantId, :name, :source, :weekend, :definition, :version, :createdBy,"
                        + " :updatedBy, :createdAt, :updatedAt)")
                .bind("tenantId", c.tenantId())
                .bind("name", c.name())
                .bind("source", c.definition().isIcs() ? ICS : RULES)
                .bind("weekend", weekend(c.definition().weekend()))
                .bind("definition", definition(c.definition()))
                .bind("version", c.version())
                .bind("createdBy", c.createdBy())
                .bind("updatedBy", c.updatedBy())
                .bind("createdAt", c.createdAt())
                .bind("updatedAt", c.updatedAt())
                .execute();
    }

    /** Replaces the definition if the row is still at {@code expectedVersion}; returns the rows changed. */
    int update(Handle h, StoredHolidayCalendar c, long expectedVersion) {
        return h.createUpdate("UPDATE " + t.holidayCalendars() + " SET source = :source, weekend = :weekend,"
                        + " definition = :definition, version = :version, updated_by = :updatedBy,"
                        + " updated_at = :updatedAt WHERE tenant_id = :tenantId AND name = :name"
                        + " AND version = :expectedVersion")
                .bind("tenantId", c.tenantId())
                .bind("name", c.name())
                .bind("source", c.definition().isIcs() ? ICS : RULES)
                .bind("weekend", weekend(c.definition().weekend()))
                .bind("definition", definition(c.definition()))
                .bind("version", c.version())
                .bind("updatedBy", c.updatedBy())
                .bind("updatedAt", c.updatedAt())
                .bind("expectedVersion", expectedVersion)
                .execute();
    }

    void delete(Handle h, String tenantId, String name) {
        h.createUpdate("DELETE FROM " + t.holidayCalendars() + " WHERE tenant_id = :tenantId AND name = :name")
                .bind("tenantId", tenantId)
                .bind("name", name)
                .execute();
    }

    /**
     * Ids of the tenant's schedules that are not deleted and name {@code calendar}, oldest first. The LIKE only
     * narrows the rows read; each schedule's JSON is then read to compare the name exactly.
     */
    List<String> schedulesNaming(Handle h, String tenantId, String calendar) {
        return h
                .createQuery("SELECT id, schedule_config FROM " + t.schedules()
                        + " WHERE tenant_id = :tenantId AND status <> 'DELETED'"
                        + " AND schedule_config LIKE :pattern ORDER BY created_at, id")
                .bind("tenantId", tenantId)
                .bind("pattern", "%\"holiday_calendar\"%")
                .map((rs, ctx) -> calendar.equals(
                                Json.readMap(rs.getString("schedule_config")).get("holiday_calendar"))
                        ? rs.getString("id")
                        : null)
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static StoredHolidayCalendar calendar(ResultSet rs, StatementContext ctx) throws SQLException {
        Set<DayOfWeek> weekend = EnumSet.noneOf(DayOfWeek.class);
        String days = rs.getString("weekend");
        if (!days.isEmpty()) {
            Arrays.stream(days.split(","))
                    .map(d -> DayOfWeek.of(Integer.parseInt(d)))
                    .forEach(weekend::add);
        }
        String text = rs.getString("definition");
        CalendarDefinition definition = ICS.equals(rs.getString("source"))
                ? CalendarDefinition.ics(weekend, text)
                : CalendarDefinition.rules(weekend, Json.readList(text));
        var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new StoredHolidayCalendar(
                rs.getString("tenant_id"),
                rs.getString("name"),
                definition,
                rs.getLong("version"),
                rs.getString("created_by"),
                rs.getString("updated_by"),
                instants.map(rs, "created_at", ctx),
                instants.map(rs, "updated_at", ctx));
    }

    private static String weekend(Set<DayOfWeek> days) {
        return days.stream().map(d -> Integer.toString(d.getValue())).collect(Collectors.joining(","));
    }

    private static String definition(CalendarDefinition d) {
        return d.isIcs() ? d.ics() : Json.write(d.rules());
    }
}
