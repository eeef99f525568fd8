package io.scheduledreports.spring;

import io.scheduledreports.spring.internal.web.OpenApiController;
import io.scheduledreports.spring.internal.web.Principals;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI 3.1 document of the REST API at {@code {scheduled-reports.api.base-path}/openapi.json}, served
 * whenever the API itself is on, unless {@code scheduled-reports.api.openapi-enabled=false}.
 */
@AutoConfiguration(after = ScheduledReportsWebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, JsonMapper.class})
@ConditionalOnBean(Principals.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.api.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "scheduled-reports.api.openapi-enabled", matchIfMissing = true)
public final class ScheduledReportsOpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenApiController scheduledReportsOpenApiController(ScheduledReportsProperties properties) {
        String basePath = properties.getApi().getBasePath();
        return new OpenApiController(basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath);
    }
}
