package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spring.internal.web.AdminController;
import io.scheduledreports.spring.internal.web.ApiOffNotice;
import io.scheduledreports.spring.internal.web.DeadLettersController;
import io.scheduledreports.spring.internal.web.Principals;
import io.scheduledreports.spring.internal.web.ProblemHandler;
import io.scheduledreports.spring.internal.web.ReportExecutionsController;
import io.scheduledreports.spring.internal.web.ScheduledReportsController;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API (README, "REST API: requests and responses") under {@code scheduled-reports.api.base-path} ({@code /api/v1}): schedules,
 * executions, downloads, recipients, dead letters and the admin views. Needs a {@link ReportsPrincipalResolver}
 * (or Spring Security, whose default resolver is then used); without one the API stays off and the start-up log
 * says so.
 */
@AutoConfiguration(after = ScheduledReportsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, JsonMapper.class})
@ConditionalOnBean(ScheduledReports.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.api.enabled", matchIfMissing = true)
public final class ScheduledReportsWebMvcAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(ReportsPrincipalResolver.class)
    static class ApiConfiguration {

        @Bean
        @ConditionalOnMissingBean
        Principals scheduledReportsPrincipals(ReportsPrincipalResolver resolver) {
            return new Principals(resolver);
        }

        @Bean
        @ConditionalOnMissingBean
        ScheduledReportsController scheduledReportsController(
                ScheduledReports reports, Principals principals, ScheduledReportsProperties properties) {
            return new ScheduledReportsController(
                    reports, principals, trimmed(properties.getApi().getBasePath()));
        }

        @Bean
        @ConditionalOnMissingBean
        ReportExecutionsController scheduledReportsExecutionsController(
                ScheduledReports reports, Principals principals, ScheduledReportsProperties properties) {
            return new ReportExecutionsController(
                    reports, principals, trimmed(properties.getApi().getBasePath()));
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.AuditEventsController scheduledReportsAuditEventsController(
                ScheduledReports reports, Principals principals) {
            return new io.scheduledreports.spring.internal.web.AuditEventsController(reports, principals);
        }

        /**
         * Runs before Spring's form-content filter (order -9900), which would fail with a 500 on an undecodable
         * form body sent to the API.
         */
        @Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<
                        io.scheduledreports.spring.internal.web.FormBodyRefusal>
                scheduledReportsFormBodyRefusal(ScheduledReportsProperties properties) {
            var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                    new io.scheduledreports.spring.internal.web.FormBodyRefusal());
            registration.addUrlPatterns(trimmed(properties.getApi().getBasePath()) + "/*");
            registration.setOrder(-9901);
            return registration;
        }

        @Bean
        @ConditionalOnMissingBean
        AdminController scheduledReportsAdminController(ScheduledReports reports, Principals principals) {
            return new AdminController(reports, principals);
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.PrivacyAdminController scheduledReportsPrivacyAdminController(
                ScheduledReports reports, Principals principals) {
            return new io.scheduledreports.spring.internal.web.PrivacyAdminController(reports, principals);
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.WeeklySummaryController scheduledReportsWeeklySummaryController(
                ScheduledReports reports, Principals principals) {
            return new io.scheduledreports.spring.internal.web.WeeklySummaryController(reports, principals);
        }

        @Bean
        @ConditionalOnMissingBean
        DeadLettersController scheduledReportsDeadLettersController(ScheduledReports reports, Principals principals) {
            return new DeadLettersController(reports, principals, Clock.systemUTC());
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.DeliveryTestsController scheduledReportsDeliveryTestsController(
                ScheduledReports reports, Principals principals) {
            return new io.scheduledreports.spring.internal.web.DeliveryTestsController(reports, principals);
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.HolidayCalendarsController scheduledReportsHolidayCalendarsController(
                ScheduledReports reports, Principals principals) {
            return new io.scheduledreports.spring.internal.web.HolidayCalendarsController(reports, principals);
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.RecipientsController scheduledReportsRecipientsController(
                ScheduledReports reports, Principals principals) {
            return new io.scheduledreports.spring.internal.web.RecipientsController(reports, principals);
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.ReportTypesController scheduledReportsReportTypesController(
                ScheduledReports reports, Principals principals) {
            return new io.scheduledreports.spring.internal.web.ReportTypesController(reports, principals);
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.CallerController scheduledReportsCallerController(
                Principals principals) {
            return new io.scheduledreports.spring.internal.web.CallerController(principals);
        }

        @Bean
        @ConditionalOnMissingBean
        io.scheduledreports.spring.internal.web.UnsubscribeController scheduledReportsUnsubscribeController(
                ScheduledReports reports) {
            return new io.scheduledreports.spring.internal.web.UnsubscribeController(reports);
        }

        @Bean
        @ConditionalOnMissingBean
        ProblemHandler scheduledReportsProblemHandler() {
            return new ProblemHandler();
        }

        private static String trimmed(String basePath) {
            return basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(ReportsPrincipalResolver.class)
    static class ApiOffConfiguration {

        @Bean
        ApiOffNotice scheduledReportsApiOffNotice() {
            return new ApiOffNotice();
        }
    }
}
