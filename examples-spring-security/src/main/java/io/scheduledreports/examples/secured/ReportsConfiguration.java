package io.scheduledreports.examples.secured;

import static java.time.ZoneOffset.UTC;

import io.scheduledreports.spi.DateRange;
import io.scheduledreports.spi.ParameterSpec;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportTypes;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Step 1 of the quick start: the host's existing report, a SQL query, registered as a {@link ReportType} bean.
 * No resolver bean: with Spring Security on the classpath the starter reads the caller from the authentication
 * (see {@link SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class ReportsConfiguration {

    @Bean
    ReportType salesByRegion(DataSource dataSource) {
        return ReportTypes.fromQuery(
                        "sales_by_region",
                        dataSource,
                        "select region, sum(amount) as revenue from orders"
                                + " where tenant_id = ? and placed_at >= ? and placed_at < ?"
                                + " group by region order by region",
                        req -> {
                            DateRange window = req.dateRange("date_range"); // "last_7_days", resolved per run
                            return List.of(
                                    req.tenantId(),
                                    window.startInstant().atOffset(UTC),
                                    window.endInstant().atOffset(UTC));
                        })
                .withParameters(ParameterSpec.required("date_range", ParameterSpec.Kind.DATE_RANGE));
    }
}
