package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.recipients.RecipientPolicy;
import io.scheduledreports.core.recipients.RecipientRules;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The recipient policy: refused up front naming the recipient and the rule, and again at delivery. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class RecipientPolicyTest {

    private static final String DAILY = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";
    private static final Actor ALICE = Actor.of("acme", "alice");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    private static ScheduleRequest request(String... addresses) {
        ScheduleRequest.Builder b =
                ScheduleRequest.builder().name("daily").reportType("sales").schedule(DAILY);
        for (String a : addresses) {
            b.recipient("email", a);
        }
        return b.build();
    }

    @Test
    void createUpdateAndAddRecipientRefuseWhatThePolicyRefusesNamingTheRecipientAndTheRule() throws Exception {
        RecipientPolicy policy = RecipientPolicy.of(
                RecipientRules.internalOnly(Set.of("acme.test")),
                Map.of("partner", RecipientRules.withExternalLimit(Set.of("partner.test"), 1)));
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(
                        f.builder().recipientPolicy(policy), Instant.parse("2026-02-10T08:00:00Z"))) {
            Map<String, Long> empty = f.sql.snapshot();
            assertThatThrownBy(() -> kit.reports().create(ALICE, request("bob@acme.test", "eve@gmail.test")))
                    .isInstanceOfSatisfying(ReportsValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("recipients[1].destination");
                        assertThat(e.getMessage()).contains(RecipientRules.EXTERNAL_NOT_ALLOWED, "eve@gmail.test");
                    });
            assertThat(f.sql.snapshot()).as("nothing written").isEqualTo(empty);

            ScheduledReport s = kit.reports().create(ALICE, request("bob@acme.test", "carol@eu.acme.test"));
            assertThatThrownBy(() -> kit.reports().addRecipient(ALICE, s.id(), Recipient.of("email", "eve@gmail.test")))
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("recipients[2].destination"));
            assertThatThrownBy(() -> kit.reports()
                            .update(ALICE, s.id(), s.version(), request("eve@gmail.test", "bob@acme.test")))
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("recipients[0].destination"));
            assertThat(kit.reports().get(ALICE, s.id()).recipients()).hasSize(2);

            Actor partner = Actor.of("partner", "pat");
            kit.reports().create(partner, request("pat@partner.test", "one@gmail.test"));
            assertThatThrownBy(() -> kit.reports()
                            .create(partner, request("one@gmail.test", "pat@partner.test", "two@gmail.test")))
                    .isInstanceOfSatisfying(ReportsValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("recipients[2].destination");
                        assertThat(e.getMessage())
                                .startsWith("recipients[2].destination")
                                .contains(RecipientRules.MAX_EXTERNAL);
                    });
        }
    }

    @Test
    void aPolicyTightenedLaterStopsDeliveriesWithAPermissionFailure() throws Exception {
        AtomicReference<RecipientRules> rules = new AtomicReference<>(RecipientRules.ofDefaults());
        RecipientPolicy policy = (tenant, recipients) -> rules.get().check(recipients);
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(
                        f.builder().recipientPolicy(policy), Instant.parse("2026-02-10T08:00:00Z"))) {
            ScheduledReport s = kit.reports().create(ALICE, request("bob@acme.test", "eve@gmail.test"));
            kit.advanceTo(s.nextRunAt());
            assertThat(f.email.received()).hasSize(2);

            rules.set(RecipientRules.internalOnly(Set.of("acme.test")));
            kit.advance(Duration.ofDays(1));
            assertThat(f.email.received())
                    .extracting(r -> r.destination())
                    .containsExactly("bob@acme.test", "eve@gmail.test", "bob@acme.test");
            Execution latest = kit.reports()
                    .executions(ALICE, s.id(), PageRequest.first())
                    .items()
                    .get(0);
            DeliveryRecord refused = kit.reports().execution(ALICE, latest.id()).deliveries().stream()
                    .filter(d -> d.destination().equals("eve@gmail.test"))
                    .findFirst()
                    .orElseThrow();
            assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(refused.errorCategory()).isEqualTo(ErrorCategory.PERMISSION);
            assertThat(refused.attempts()).as("not retried").isEqualTo(1);
        }
    }
}
