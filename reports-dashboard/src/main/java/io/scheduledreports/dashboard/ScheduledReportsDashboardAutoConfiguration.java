package io.scheduledreports.dashboard;

import io.scheduledreports.dashboard.internal.DashboardPage;
import io.scheduledreports.spring.ReportsPrincipalResolver;
import io.scheduledreports.spring.ScheduledReportsProperties;
import io.scheduledreports.spring.ScheduledReportsWebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the dashboard under {@code scheduled-reports.dashboard.path} ({@code /scheduled-reports/}) when this
 * module is on the classpath and the REST API is on (a {@link ReportsPrincipalResolver}, or Spring Security).
 * The page is static HTML, CSS and ES modules from this jar; it calls the REST API under
 * {@code scheduled-reports.api.base-path} with the caller's own session, so the API's principal resolution,
 * tenant scope and roles apply unchanged. Securing the dashboard's path is the host's job, like the API's.
 */
@AutoConfiguration(after = ScheduledReportsWebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ReportsPrincipalResolver.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.api.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "scheduled-reports.dashboard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduledReportsDashboardProperties.class)
public final class ScheduledReportsDashboardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DashboardPage scheduledReportsDashboardPage(
            ScheduledReportsDashboardProperties dashboard, ScheduledReportsProperties reports) {
        return new DashboardPage(dashboard.getPath(), reports.getApi().getBasePath(), dashboard.getRefreshInterval());
    }

    @Bean
    RouterFunction<ServerResponse> scheduledReportsDashboardRoutes(DashboardPage page) {
        return page.routes();
    }

    @Bean
    WebMvcConfigurer scheduledReportsDashboardAssets(DashboardPage page) {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(page.path() + "assets/**")
                        .addResourceLocations("classpath:" + DashboardPage.ASSETS + "/")
                        .setCachePeriod(0);
            }
        };
    }
}
