package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsValidationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code scheduled-reports.privacy.*}: recipient rules per tenant and unsubscribe links, applied to the engine. */
class ScheduledReportsPrivacyAutoConfigurationTest {

    @TempDir
    Path artifacts;

    private ApplicationContextRunner runner() {
        return AutoConfigurationRunners.withFeature(ScheduledReportsPrivacyAutoConfiguration.class, artifacts);
    }

    private static ScheduleRequest to(String... addresses) {
        ScheduleRequest.Builder b = ScheduleRequest.builder()
                .name("daily")
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");
        for (String a : addresses) {
            b.recipient("email", a);
        }
        return b.build();
    }

    @Test
    void recipientRulesApplyPerTenantWithDefaultsForTheOthers() {
        runner().withPropertyValues(
                        "scheduled-reports.privacy.recipients.internal-domains=acme.test",
                        "scheduled-reports.privacy.recipients.external-allowed=false",
                        "scheduled-reports.privacy.recipients.tenants.partner.internal-domains=partner.test",
                        "scheduled-reports.privacy.recipients.tenants.partner.max-external=1")
                .run(context -> {
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    assertThatThrownBy(() -> reports.create(Actor.of("acme", "a"), to("x@gmail.test")))
                            .isInstanceOfSatisfying(
                                    ReportsValidationException.class,
                                    e -> assertThat(e.field()).isEqualTo("recipients[0].destination"));
                    reports.create(Actor.of("acme", "a"), to("bob@acme.test"));
                    reports.create(Actor.of("partner", "p"), to("x@gmail.test", "p@partner.test"));
                    assertThatThrownBy(
                                    () -> reports.create(Actor.of("partner", "p"), to("x@gmail.test", "y@gmail.test")))
                            .hasMessageContaining("max_external");
                });
    }

    @Test
    void withoutPropertiesEveryRecipientIsAllowedAndNoUnsubscribeLinksAreMade() {
        runner().run(context ->
                context.getBean(ScheduledReports.class).create(Actor.of("acme", "a"), to("x@gmail.test")));
    }

    @Test
    void aBadDomainOrUnsubscribeLinksWithoutDownloadKeysStopStartUpNamingTheProperty() {
        runner().withPropertyValues("scheduled-reports.privacy.recipients.tenants.t1.internal-domains=not a domain")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("internal-domains"));
        runner().withPropertyValues(
                        "scheduled-reports.privacy.unsubscribe.base-url=https://app.example.com/api/v1/unsubscribe")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("download-links"));
    }

    @Test
    void aWeeklySummaryWithoutFailureNotificationsOrABadThresholdStopStartUpNamingTheSetting() {
        runner().withPropertyValues("scheduled-reports.privacy.weekly-summary.enabled=true")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("weekly-summary")
                        .hasMessageContaining("failureNotifications"));
        runner().withPropertyValues("scheduled-reports.privacy.bounces.threshold=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("scheduled-reports.privacy.bounces.threshold"));
    }

    @Test
    void aWeeklySummaryWithFailureNotificationsStartsAndOwnersMayOptOut() {
        runner().withPropertyValues(
                        "scheduled-reports.privacy.weekly-summary.enabled=true",
                        "scheduled-reports.privacy.weekly-summary.day=FRIDAY",
                        "scheduled-reports.privacy.weekly-summary.time=17:30",
                        "scheduled-reports.privacy.weekly-summary.zone=Europe/Berlin")
                .withBean(
                        ScheduledReportsBuilderCustomizer.class,
                        () -> builder ->
                                builder.failureNotifications(io.scheduledreports.core.FailureNotifications.byEmail(
                                        (tenant, owner) -> java.util.Optional.of(owner + "@acme.test"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ScheduledReports reports = context.getBean(ScheduledReports.class);
                    Actor owner = Actor.of("acme", "a");
                    assertThat(reports.weeklySummaryEnabled(owner)).isTrue();
                    assertThat(reports.setWeeklySummaryEnabled(owner, false)).isFalse();
                    assertThat(reports.weeklySummaryEnabled(owner)).isFalse();
                });
    }
}
