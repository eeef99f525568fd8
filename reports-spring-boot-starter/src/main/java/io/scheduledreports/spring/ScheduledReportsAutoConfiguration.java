package io.scheduledreports.spring;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.formats.Formatters;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportAuthorizer;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportsListener;
import io.scheduledreports.spi.TenantLimiter;
import io.scheduledreports.spring.internal.DefaultFormatters;
import io.scheduledreports.spring.internal.EmailOffNotice;
import io.scheduledreports.spring.internal.EmailSettingsFactory;
import io.scheduledreports.spring.internal.EngineConfigurer;
import io.scheduledreports.spring.internal.web.SpringSecurityPrincipalResolver;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of the {@link ScheduledReports} engine on the application's {@link DataSource}. Collects
 * the {@link ReportType}, {@link OutputFormatter}, {@link DeliveryChannel} and {@link ReportsListener} beans and
 * a single {@link ArtifactStore}, {@link TenantLimiter} and {@link ReportAuthorizer}, applies
 * {@code scheduled-reports.*}, then the {@link ScheduledReportsBuilderCustomizer}s in order, and starts the
 * engine (creating or upgrading its tables). The e-mail channel is configured from
 * {@code scheduled-reports.email.*} or {@code spring.mail.*} when the e-mail module is present. Turn it all off
 * with {@code scheduled-reports.enabled=false}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"
        })
@ConditionalOnClass(ScheduledReports.class)
@ConditionalOnBooleanProperty(name = "scheduled-reports.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduledReportsProperties.class)
public final class ScheduledReportsAutoConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(DataSource.class)
    @DependsOnDatabaseInitialization
    ScheduledReports scheduledReports(
            ScheduledReportsProperties properties,
            ObjectProvider<DataSource> dataSources,
            @ScheduledReportsDataSource ObjectProvider<DataSource> reportsDataSource,
            ObjectProvider<ReportType> reportTypes,
            ObjectProvider<OutputFormatter> formatters,
            ObjectProvider<DefaultFormatters> defaultFormatters,
            ObjectProvider<DeliveryChannel> channels,
            ObjectProvider<ReportsListener> listeners,
            ObjectProvider<ArtifactStore> artifactStore,
            ObjectProvider<TenantLimiter> tenantLimiter,
            ObjectProvider<ReportAuthorizer> authorizer,
            ObjectProvider<io.scheduledreports.core.TenantAdminAddresses> tenantAdmins,
            ObjectProvider<ScheduledReportsBuilderCustomizer> customizers) {
        ScheduledReports.Builder builder = ScheduledReports.builder(dataSource(dataSources, reportsDataSource));
        EngineConfigurer.configure(builder, properties);
        reportTypes.orderedStream().forEach(builder::reportType);
        Set<String> formatIds = new HashSet<>();
        formatters.orderedStream().forEach(formatter -> {
            builder.formatter(formatter);
            formatIds.add(formatter.id());
        });
        defaultFormatters.orderedStream().flatMap(d -> d.formatters().stream()).forEach(formatter -> {
            if (formatIds.add(formatter.id())) {
                builder.formatter(formatter);
            }
        });
        channels.orderedStream().forEach(builder::channel);
        listeners.orderedStream().forEach(builder::listener);
        tenantAdmins.ifUnique(builder::tenantAdminAddresses); // configuration errors alert the tenant's admins
        builder.artifactStore(artifactStore.getIfUnique(() -> EngineConfigurer.artifactStore(properties)));
        tenantLimiter.ifUnique(builder::tenantLimiter);
        authorizer.ifUnique(builder::authorizer);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    static DataSource dataSource(ObjectProvider<DataSource> dataSources, ObjectProvider<DataSource> reportsDataSource) {
        DataSource qualified = reportsDataSource.getIfAvailable();
        if (qualified != null) {
            return qualified;
        }
        DataSource unique = dataSources.getIfUnique();
        if (unique == null) {
            throw new IllegalStateException("Scheduled Reports needs one DataSource but found several: mark the one"
                    + " to use with @Primary or @ScheduledReportsDataSource");
        }
        return unique;
    }

    /** The default artifact store, exposed so the health indicator can report its free space. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(DataSource.class)
    ArtifactStore scheduledReportsArtifactStore(ScheduledReportsProperties properties) {
        return EngineConfigurer.artifactStore(properties);
    }

    /** CSV, XLSX and PDF from the formats module, when it is on the classpath; beans with the same id win. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.scheduledreports.formats.Formatters")
    static class DefaultFormattersConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DefaultFormatters scheduledReportsDefaultFormatters() {
            return new DefaultFormatters(Formatters.defaults());
        }
    }

    /** The e-mail channel, when the e-mail module is present and a mail server is configured. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EmailChannel.class)
    @ConditionalOnBooleanProperty(name = "scheduled-reports.email.enabled", matchIfMissing = true)
    @Conditional(OnMailServerCondition.class)
    static class EmailChannelConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        EmailChannel scheduledReportsEmailChannel(ScheduledReportsProperties properties, Environment environment) {
            return EmailChannel.create(EmailSettingsFactory.create(properties.getEmail(), environment));
        }
    }

    /** The e-mail module without a mail server: say so once at start-up and in the health details. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EmailChannel.class)
    @ConditionalOnBooleanProperty(name = "scheduled-reports.email.enabled", matchIfMissing = true)
    @Conditional(NoMailServerCondition.class)
    static class EmailOffConfiguration {

        @Bean
        EmailOffNotice scheduledReportsEmailOffNotice() {
            return new EmailOffNotice();
        }
    }

    /** With Spring Security, the REST API's caller is the authenticated principal unless the host decides. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(
            name = {
                "org.springframework.security.core.context.SecurityContextHolder",
                "jakarta.servlet.http.HttpServletRequest"
            })
    static class SpringSecurityPrincipalConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ReportsPrincipalResolver scheduledReportsPrincipalResolver(
                ScheduledReportsProperties properties, ObjectProvider<TenantSelectionStrategy> tenantSelection) {
            return new SpringSecurityPrincipalResolver(
                    properties.getApi().getSecurity(), tenantSelection.getIfUnique());
        }
    }

    /** Matches when {@code scheduled-reports.email.host} or {@code spring.mail.host} is set. */
    static class OnMailServerCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return EmailSettingsFactory.isConfigured(context.getEnvironment())
                    ? ConditionOutcome.match("a mail server is configured")
                    : ConditionOutcome.noMatch("neither scheduled-reports.email.host nor spring.mail.host is set");
        }
    }

    /** The opposite of {@link OnMailServerCondition}. */
    static class NoMailServerCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome mailServer = new OnMailServerCondition().getMatchOutcome(context, metadata);
            return new ConditionOutcome(!mailServer.isMatch(), mailServer.getConditionMessage());
        }
    }
}
