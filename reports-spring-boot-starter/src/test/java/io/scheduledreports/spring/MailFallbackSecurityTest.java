package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.delivery.email.EmailChannel;
import io.scheduledreports.delivery.email.SmtpSecurity;
import io.scheduledreports.spring.internal.InvalidPropertyException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Boot's spring.mail.* fallback never sends credentials without TLS, and requires STARTTLS unless told not to. */
class MailFallbackSecurityTest {

    @TempDir
    Path artifacts;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class, ScheduledReportsAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "scheduled-reports.artifact-directory=" + artifacts,
                        "scheduled-reports.disk-guard.enabled=false",
                        "scheduled-reports.email.from=reports@example.com",
                        "spring.mail.host=mail.example.com");
    }

    private static SmtpSecurity security(org.springframework.context.ApplicationContext context) {
        return context.getBean(EmailChannel.class).settings().security();
    }

    @Test
    void withoutSecuritySettingsStartTlsIsRequiredLikeTheLibrarysOwnDefault() {
        runner().run(context -> assertThat(security(context)).isEqualTo(SmtpSecurity.STARTTLS_REQUIRED));
        runner().withPropertyValues("spring.mail.username=u", "spring.mail.password=p")
                .run(context -> assertThat(security(context)).isEqualTo(SmtpSecurity.STARTTLS_REQUIRED));
    }

    @Test
    void plainTextOnlyWhenAskedForAndNeverWithCredentials() {
        runner().withPropertyValues("spring.mail.properties.mail.smtp.starttls.enable=false")
                .run(context -> assertThat(security(context)).isEqualTo(SmtpSecurity.NONE));
        runner().withPropertyValues(
                        "spring.mail.properties.mail.smtp.starttls.enable=false",
                        "spring.mail.username=u",
                        "spring.mail.password=p")
                .run(context -> assertFailsNaming(context.getStartupFailure(), "spring.mail.username"));
        runner().withPropertyValues(
                        "scheduled-reports.email.security=starttls-optional",
                        "spring.mail.username=u",
                        "spring.mail.password=p")
                .run(context -> assertFailsNaming(context.getStartupFailure(), "spring.mail.username"));
    }

    private static void assertFailsNaming(Throwable failure, String property) {
        Throwable t = failure;
        while (t != null && !(t instanceof InvalidPropertyException)) {
            t = t.getCause();
        }
        assertThat(t).as("startup failure %s", failure).isInstanceOf(InvalidPropertyException.class);
        assertThat(((InvalidPropertyException) t).property()).isEqualTo(property);
        assertThat(t.getMessage()).contains("never sent without TLS");
    }
}
