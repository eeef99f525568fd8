package io.scheduledreports.core.calendar;

import io.scheduledreports.spi.HolidayCalendar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * The named holiday calendars of a host: shared ones every tenant sees, and a tenant's own, which hide a shared
 * calendar of the same name for that tenant only. Immutable; build it with {@link #builder()}.
 */
public final class TenantCalendars {
    private static final TenantCalendars EMPTY = builder().build();

    private final Map<String, HolidayCalendar> shared;
    private final Map<String, Map<String, HolidayCalendar>> byTenant;

    private TenantCalendars(Builder b) {
        this.shared = Map.copyOf(b.shared);
        Map<String, Map<String, HolidayCalendar>> copy = new LinkedHashMap<>();
        b.byTenant.forEach((tenant, calendars) -> copy.put(tenant, Map.copyOf(calendars)));
        this.byTenant = Map.copyOf(copy);
    }

    /** No calendars. */
    public static TenantCalendars empty() {
        return EMPTY;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The calendars {@code tenantId} may name: its own first, then the shared ones.
     *
     * @param tenantId the tenant; null means the shared calendars only
     */
    public HolidayCalendars forTenant(String tenantId) {
        Map<String, HolidayCalendar> own = tenantId == null ? Map.of() : byTenant.getOrDefault(tenantId, Map.of());
        return name -> {
            HolidayCalendar calendar = own.get(name);
            return Optional.ofNullable(calendar != null ? calendar : shared.get(name));
        };
    }

    /**
     * The names {@code tenantId} sees: its own and the shared ones, sorted.
     *
     * @param tenantId the tenant; null means the shared calendars only
     */
    public SortedSet<String> namesFor(String tenantId) {
        SortedSet<String> names = new java.util.TreeSet<>(shared.keySet());
        if (tenantId != null) {
            names.addAll(byTenant.getOrDefault(tenantId, Map.of()).keySet());
        }
        return java.util.Collections.unmodifiableSortedSet(names);
    }

    /** The names of the shared calendars. */
    public Set<String> sharedNames() {
        return shared.keySet();
    }

    /** Collects calendars; a second calendar under the same name (and tenant) is refused. */
    public static final class Builder {
        private final Map<String, HolidayCalendar> shared = new LinkedHashMap<>();
        private final Map<String, Map<String, HolidayCalendar>> byTenant = new LinkedHashMap<>();

        private Builder() {}

        /**
         * A calendar every tenant may name.
         *
         * @throws IllegalArgumentException if the name is invalid or taken, or the calendar is null
         */
        public Builder shared(String name, HolidayCalendar calendar) {
            put(shared, name, calendar, "shared");
            return this;
        }

        /**
         * A calendar only {@code tenantId} may name; it hides a shared calendar of the same name for that tenant.
         *
         * @throws IllegalArgumentException if the tenant is blank, the name invalid or taken, or the calendar null
         */
        public Builder tenant(String tenantId, String name, HolidayCalendar calendar) {
            if (tenantId == null || tenantId.isBlank()) {
                throw new IllegalArgumentException("tenantId: must not be blank, was " + tenantId);
            }
            put(byTenant.computeIfAbsent(tenantId, t -> new LinkedHashMap<>()), name, calendar, "tenant " + tenantId);
            return this;
        }

        private static void put(Map<String, HolidayCalendar> map, String name, HolidayCalendar calendar, String scope) {
            HolidayCalendars.checkName(name);
            if (calendar == null) {
                throw new IllegalArgumentException("holiday_calendar: calendar '" + name + "' must not be null");
            }
            if (map.putIfAbsent(name, calendar) != null) {
                throw new IllegalArgumentException("holiday_calendar: '" + name + "' is registered twice for " + scope);
            }
        }

        /** The calendars. */
        public TenantCalendars build() {
            return new TenantCalendars(this);
        }
    }
}
