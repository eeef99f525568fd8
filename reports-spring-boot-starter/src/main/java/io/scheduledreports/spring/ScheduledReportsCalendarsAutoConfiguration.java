package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.calendar.HolidayRules;
import io.scheduledreports.core.calendar.IcsCalendar;
import io.scheduledreports.core.calendar.TenantCalendars;
import io.scheduledreports.spi.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Holiday calendars from {@code scheduled-reports.calendars.*} as a {@link TenantCalendars} bean (replace it with
 * your own to load calendars from elsewhere), handed to the engine's builder. Bad rules or files fail the start-up
 * with the property named.
 */
@AutoConfiguration(before = ScheduledReportsAutoConfiguration.class)
@ConditionalOnClass(ScheduledReports.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduledReportsCalendarsProperties.class)
public final class ScheduledReportsCalendarsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TenantCalendars scheduledReportsHolidayCalendars(ScheduledReportsCalendarsProperties properties) {
        TenantCalendars.Builder builder = TenantCalendars.builder();
        properties.getCalendars().forEach((name, config) -> {
            HolidayCalendar calendar = calendar(name, config);
            if (config.getTenants().isEmpty()) {
                builder.shared(name, calendar);
            } else {
                config.getTenants().forEach(tenant -> builder.tenant(tenant, name, calendar));
            }
        });
        return builder.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ScheduledReportsBuilderCustomizer scheduledReportsCalendarsCustomizer(TenantCalendars calendars) {
        return builder -> builder.holidayCalendars(calendars);
    }

    private static HolidayCalendar calendar(String name, ScheduledReportsCalendarsProperties.Calendar config) {
        String property = "scheduled-reports.calendars." + name;
        Set<DayOfWeek> weekend = config.getWeekend() == null ? Set.of() : config.getWeekend();
        HolidayRules rules;
        try {
            HolidayRules.Builder b = HolidayRules.builder(name).weekend(weekend);
            List<String> holidays = config.getHolidays();
            for (int i = 0; i < holidays.size(); i++) {
                try {
                    b.rule(holidays.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(property + ".holidays[" + i + "]: " + e.getMessage(), e);
                }
            }
            rules = b.build();
        } catch (IllegalStateException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": " + e.getMessage(), e);
        }
        if (config.getIcs() == null) {
            return rules;
        }
        IcsCalendar ics;
        try {
            ics = IcsCalendar.read(name, config.getIcs(), weekend);
        } catch (RuntimeException e) {
            throw new IllegalStateException(property + ".ics: " + e.getMessage(), e);
        }
        return new Both(rules, ics);
    }

    /** The rules and the file: a holiday in either is a holiday. */
    private record Both(HolidayRules rules, IcsCalendar ics) implements HolidayCalendar {
        @Override
        public boolean isHoliday(LocalDate date) {
            return rules.isHoliday(date) || ics.isHoliday(date);
        }

        @Override
        public Set<DayOfWeek> weekend() {
            return rules.weekend();
        }
    }
}
