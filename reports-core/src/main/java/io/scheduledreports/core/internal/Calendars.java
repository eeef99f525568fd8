package io.scheduledreports.core.internal;

import io.scheduledreports.core.AuditAction;
import io.scheduledreports.core.CalendarInUseException;
import io.scheduledreports.core.ReportsNotFoundException;
import io.scheduledreports.core.ReportsStaleVersionException;
import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.core.calendar.CalendarDefinition;
import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.calendar.StoredHolidayCalendar;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.HolidayCalendar;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsValidationException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Holiday calendars as schedules see them: a tenant's stored calendars (table {@code holiday_calendars}) first,
 * then the host-configured ones ({@code ScheduledReports.Builder.holidayCalendars}). Changing or deleting a
 * stored calendar recomputes {@code next_run_at} of the active schedules that name it in the same transaction,
 * with one audit entry for the calendar ({@code holiday_calendar}, listing the schedules whose next run moved)
 * and one {@code RECALCULATE} entry per such schedule.
 *
 * <p>Parsed calendars are cached by tenant, name and version, so a lookup costs one primary-key read of the
 * version; every instance of a cluster sees a change at its next lookup.
 */
public final class Calendars {
    private static final int MAX_CACHED = 10_000;

    private final Engine engine;
    private final EngineConfig config;
    private final ScheduleTable scheduleTable;
    private final AuditTable auditTable;
    private final Tx tx;
    private final CalendarStore calendars;
    private final Map<Key, Parsed> cache = new ConcurrentHashMap<>();

    private record Key(String tenantId, String name) {}

    private record Parsed(long version, HolidayCalendar calendar) {}

    Calendars(Engine engine) {
        this.engine = engine;
        this.config = engine.config;
        this.scheduleTable = engine.scheduleTable;
        this.auditTable = engine.auditTable;
        this.tx = engine.tx;
        this.calendars = new CalendarStore(config.tables());
    }

    // ---------------------------------------------------------------- lookups

    /**
     * The calendars {@code tenantId} may name, read in the caller's transaction (so that a change made in it is
     * seen): the tenant's stored calendar of a name, else the host's.
     */
    public HolidayCalendars forTenant(Handle h, String tenantId) {
        HolidayCalendars host = config.holidayCalendars().forTenant(tenantId);
        return name -> stored(h, tenantId, name).or(() -> host.find(name));
    }

    /** As {@link #forTenant(Handle, String)}, each lookup in its own short read. */
    public HolidayCalendars forTenant(String tenantId) {
        HolidayCalendars host = config.holidayCalendars().forTenant(tenantId);
        return name -> tx.read(h -> stored(h, tenantId, name)).or(() -> host.find(name));
    }

    private Optional<HolidayCalendar> stored(Handle h, String tenantId, String name) {
        if (tenantId == null
                || name == null
                || !HolidayCalendars.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Optional<Long> version = calendars.version(h, tenantId, name);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Key key = new Key(tenantId, name);
        Parsed cached = cache.get(key);
        if (cached != null && cached.version() == version.get()) {
            return Optional.of(cached.calendar());
        }
        Optional<StoredHolidayCalendar> row = calendars.find(h, tenantId, name);
        if (row.isEmpty()) {
            return Optional.empty(); // deleted between the two reads
        }
        HolidayCalendar calendar = row.get().definition().toCalendar(name);
        remember(key, new Parsed(row.get().version(), calendar));
        return Optional.of(calendar);
    }

    private void remember(Key key, Parsed parsed) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.merge(key, parsed, (a, b) -> a.version() >= b.version() ? a : b);
    }

    /**
     * Checks, in a transaction that is about to store a schedule naming {@code name}, that the calendar still
     * exists, and locks a stored one until the transaction ends so that it cannot change or go away meanwhile.
     *
     * @return the calendars to read the schedule with
     * @throws io.scheduledreports.core.schedule.InvalidScheduleException naming {@code holiday_calendar} when the
     *     tenant has no calendar of that name
     */
    HolidayCalendars lockForSchedule(Handle h, String tenantId, String name) {
        calendars.lock(h, tenantId, name);
        HolidayCalendars view = forTenant(h, tenantId);
        if (view.find(name).isEmpty()) {
            throw new io.scheduledreports.core.schedule.InvalidScheduleException(
                    "holiday_calendar",
                    "unknown calendar '" + name + "'; store it (PUT /holiday-calendars/" + name
                            + ") or register it with the host first");
        }
        return view;
    }

    // ---------------------------------------------------------------- stored calendars

    /** The actor's tenant's stored calendars by name. */
    public List<StoredHolidayCalendar> list(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return tx.read(h -> calendars.list(h, actor.tenantId()));
    }

    /** Names of the host-configured calendars the actor's tenant sees (shared and its own). */
    public Set<String> hostNames(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return config.holidayCalendars().namesFor(actor.tenantId());
    }

    /**
     * The actor's tenant's stored calendar {@code name}.
     *
     * @throws ReportsNotFoundException if there is none (a host-configured calendar is not stored)
     */
    public StoredHolidayCalendar get(Actor actor, String name) {
        Objects.requireNonNull(actor, "actor");
        return tx.read(h -> calendars.find(h, actor.tenantId(), name))
                .orElseThrow(() -> new ReportsNotFoundException("holiday_calendar", name));
    }

    /**
     * Creates or replaces the actor's tenant's calendar {@code name} and recomputes the next run of its active
     * schedules that name it, in one transaction.
     *
     * @param expectedVersion the version the caller read (0: must not exist yet), or null to replace any
     */
    public StoredHolidayCalendar put(Actor actor, String name, CalendarDefinition definition, Long expectedVersion) {
        requireAdmin(actor, "store holiday calendars");
        checkName(name);
        Objects.requireNonNull(definition, "definition");
        HolidayCalendar calendar = definition.toCalendar(name);
        Instant now = config.clock().instant();
        String tenantId = actor.tenantId();
        StoredHolidayCalendar result;
        try {
            result = tx.inTx(h -> {
                Optional<StoredHolidayCalendar> old = calendars.lock(h, tenantId, name);
                long current = old.map(StoredHolidayCalendar::version).orElse(0L);
                if (expectedVersion != null && expectedVersion != current) {
                    throw new ReportsStaleVersionException("holiday_calendar", name, expectedVersion, current);
                }
                StoredHolidayCalendar stored = new StoredHolidayCalendar(
                        tenantId,
                        name,
                        definition,
                        current + 1,
                        old.map(StoredHolidayCalendar::createdBy).orElse(actor.userId()),
                        actor.userId(),
                        old.map(StoredHolidayCalendar::createdAt).orElse(now),
                        now);
                if (old.isEmpty()) {
                    calendars.insert(h, stored);
                } else if (calendars.update(h, stored, current) != 1) {
                    throw new ReportsStaleVersionException("holiday_calendar", name, current, current + 1);
                }
                List<String> moved = recompute(h, actor, name, calendar, stored.version(), now);
                auditTable.audit(
                        h,
                        tenantId,
                        actor.userId(),
                        old.isEmpty() ? AuditAction.CREATE.name() : AuditAction.REPLACE.name(),
                        "holiday_calendar",
                        name,
                        old.map(Calendars::audit).orElse(null),
                        withRescheduled(audit(stored), moved),
                        now);
                return stored;
            });
        } catch (UnableToExecuteStatementException e) {
            if (isDuplicateKey(e)) {
                // another request created it first, between our lock (which found no row) and our insert
                throw new ReportsStaleVersionException("holiday_calendar", name, 0, 1);
            }
            throw e;
        }
        remember(new Key(tenantId, name), new Parsed(result.version(), calendar));
        return result;
    }

    /**
     * Deletes the actor's tenant's stored calendar {@code name}. Schedules naming it fall back to a host-configured
     * calendar of that name (their next runs recomputed); without one, the delete is refused while any schedule
     * that is not deleted names it.
     *
     * @throws ReportsNotFoundException if there is no stored calendar of that name
     * @throws CalendarInUseException if schedules name it and no host calendar would take its place
     */
    public void delete(Actor actor, String name) {
        requireAdmin(actor, "delete holiday calendars");
        Instant now = config.clock().instant();
        String tenantId = actor.tenantId();
        tx.useTx(h -> {
            StoredHolidayCalendar old = calendars
                    .lock(h, tenantId, name)
                    .orElseThrow(() -> new ReportsNotFoundException("holiday_calendar", name));
            Optional<HolidayCalendar> fallback =
                    config.holidayCalendars().forTenant(tenantId).find(name);
            List<String> users = calendars.schedulesNaming(h, tenantId, name);
            if (!users.isEmpty() && fallback.isEmpty()) {
                throw new CalendarInUseException(name, users, users.size());
            }
            calendars.delete(h, tenantId, name);
            List<String> moved = fallback.isEmpty() ? List.of() : recompute(h, actor, name, fallback.get(), 0, now);
            auditTable.audit(
                    h,
                    tenantId,
                    actor.userId(),
                    AuditAction.DELETE.name(),
                    "holiday_calendar",
                    name,
                    audit(old),
                    withRescheduled(new LinkedHashMap<>(), moved),
                    now);
        });
        cache.remove(new Key(tenantId, name));
    }

    /**
     * Recomputes the next run of the tenant's active schedules naming {@code name} as if {@code calendar} had
     * always been their calendar: the first run after the last one fired, no earlier than now (a run already due
     * stays due if the calendar still allows it). Returns the ids of the schedules whose next run moved.
     */
    private List<String> recompute(
            Handle h, Actor actor, String name, HolidayCalendar calendar, long version, Instant now) {
        HolidayCalendars others = forTenant(h, actor.tenantId());
        HolidayCalendars view = n -> n.equals(name) ? Optional.of(calendar) : others.find(n);
        List<String> moved = new ArrayList<>();
        for (String id : calendars.schedulesNaming(h, actor.tenantId(), name)) {
            ScheduleRow s = scheduleTable.scheduleForUpdate(h, id).orElse(null);
            if (s == null || !"ACTIVE".equals(s.status()) || s.nextRunAt() == null) {
                continue;
            }
            Instant from = (s.nextRunAt().isBefore(now) ? s.nextRunAt() : now).minusNanos(1);
            if (s.lastRunAt() != null && s.lastRunAt().isAfter(from)) {
                from = s.lastRunAt();
            }
            Instant next = ScheduleSpec.fromJson(s.scheduleConfig(), view)
                    .nextRun(from)
                    .orElse(null);
            if (Objects.equals(next, s.nextRunAt())) {
                continue;
            }
            scheduleTable.recordFired(
                    h, id, next, s.lastRunAt(), next == null ? ScheduleStatus.COMPLETED : ScheduleStatus.ACTIVE);
            if (next == null) {
                engine.disarmTimer(h, id);
            } else {
                engine.armTimer(id, next);
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("next_run_at", next == null ? null : next.toString());
            after.put("holiday_calendar", name);
            after.put("calendar_version", version);
            auditTable.audit(
                    h,
                    actor.tenantId(),
                    actor.userId(),
                    AuditAction.RECALCULATE.name(),
                    "schedule",
                    id,
                    Map.of("next_run_at", s.nextRunAt().toString()),
                    after,
                    now);
            moved.add(id);
        }
        return moved;
    }

    private static Map<String, Object> audit(StoredHolidayCalendar c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", c.version());
        m.put("source", c.definition().isIcs() ? "ics" : "rules");
        m.put("weekend", c.definition().weekend().stream().map(Enum::name).toList());
        if (!c.definition().isIcs()) {
            m.put("rules", c.definition().rules());
        } else {
            m.put("ics_length", c.definition().ics().length());
        }
        return m;
    }

    private static Map<String, Object> withRescheduled(Map<String, Object> values, List<String> moved) {
        values.put("rescheduled_schedules", moved);
        return values;
    }

    private static void checkName(String name) {
        if (name == null || !HolidayCalendars.NAME.matcher(name).matches()) {
            throw new ReportsValidationException(
                    "name",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, was "
                            + (name == null ? "null" : "'" + name + "'"));
        }
    }

    private static void requireAdmin(Actor actor, String what) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.isAdmin()) {
            throw new ReportsAccessDeniedException("only an admin may " + what);
        }
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
