package io.scheduledreports.spring;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Holiday calendars from host configuration, {@code scheduled-reports.calendars.<name>.*}, which schedules name
 * in {@code holiday_calendar}:
 *
 * <pre>
 * scheduled-reports.calendars.us-federal.holidays=01-01 observed, JAN MON#3, FEB MON#3, MAY MON#-1, \
 *     06-19 observed, 07-04 observed, SEP MON#1, OCT MON#2, 11-11 observed, NOV THU#4, 12-25 observed
 * scheduled-reports.calendars.gulf.weekend=FRIDAY,SATURDAY
 * scheduled-reports.calendars.gulf.ics=/etc/reports/gulf-holidays.ics
 * scheduled-reports.calendars.gulf.tenants=globex
 * </pre>
 */
@ConfigurationProperties("scheduled-reports")
public class ScheduledReportsCalendarsProperties {

    /** Holiday calendars by name. */
    private Map<String, Calendar> calendars = new LinkedHashMap<>();

    public Map<String, Calendar> getCalendars() {
        return calendars;
    }

    public void setCalendars(Map<String, Calendar> calendars) {
        this.calendars = calendars;
    }

    /** One calendar: its weekend, its holiday rules and/or an iCalendar file, and who may use it. */
    public static class Calendar {
        /** Weekend days, never business days. */
        private Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

        /**
         * Holiday rules: a date (2027-11-26), a yearly date (12-25, or "12-25 observed" to move it off the
         * weekend), a weekday of a month (NOV THU#4, MAY MON#-1), or easter with an offset (easter-2).
         */
        private List<String> holidays = new ArrayList<>();

        /** An iCalendar file whose all-day events are holidays too. */
        private Path ics;

        /** Tenants that see this calendar (hiding a shared one of the same name); empty means every tenant. */
        private List<String> tenants = new ArrayList<>();

        public Set<DayOfWeek> getWeekend() {
            return weekend;
        }

        public void setWeekend(Set<DayOfWeek> weekend) {
            this.weekend = weekend;
        }

        public List<String> getHolidays() {
            return holidays;
        }

        public void setHolidays(List<String> holidays) {
            this.holidays = holidays;
        }

        public Path getIcs() {
            return ics;
        }

        public void setIcs(Path ics) {
            this.ics = ics;
        }

        public List<String> getTenants() {
            return tenants;
        }

        public void setTenants(List<String> tenants) {
            this.tenants = tenants;
        }
    }
}
