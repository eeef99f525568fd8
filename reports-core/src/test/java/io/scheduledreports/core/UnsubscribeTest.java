package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.InvalidDownloadTokenException;
import io.scheduledreports.core.links.InvalidUnsubscribeTokenException;
import io.scheduledreports.core.recipients.RecipientState;
import io.scheduledreports.core.recipients.RecipientStatus;
import io.scheduledreports.core.recipients.UnsubscribeOutcome;
import io.scheduledreports.core.recipients.UnsubscribeScope;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Unsubscribe links: one-click per schedule or per tenant, audited, idempotent, re-activation only with consent. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class UnsubscribeTest {

    private static final Instant START = Instant.parse("2026-02-10T18:30:00Z");
    private static final String DAILY = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";
    private static final Actor ALICE = Actor.of("acme", "alice");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    private ReportsTestKit start(EngineFixture f) {
        return ReportsTestKit.start(
                f.builder()
                        .downloadLinks(
                                DownloadLinkConfig.builder()
                                        .key(
                                                "k1",
                                                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                                        .build(),
                                URI.create("https://app.example.com/api/v1/report-executions/download"))
                        .unsubscribeLinks(URI.create("https://app.example.com/api/v1/unsubscribe"), Duration.ofDays(3)),
                START);
    }

    private static ScheduledReport daily(ReportsTestKit kit, String name, String... addresses) {
        ScheduleRequest.Builder request =
                ScheduleRequest.builder().name(name).reportType("sales").schedule(DAILY);
        for (String address : addresses) {
            request.recipient("email", address);
        }
        return kit.reports().create(ALICE, request.build());
    }

    private static String token(String url) {
        return url.substring(url.indexOf("token=") + "token=".length());
    }

    private static String unsubscribeToken(EngineFixture f, String address) {
        return token(f.email.received().stream()
                .filter(r -> r.destination().equals(address))
                .reduce((a, b) -> b)
                .orElseThrow()
                .variables()
                .get("unsubscribe_url"));
    }

    @Test
    void oneClickDeactivatesOnlyThatRecipientAuditsTheRecipientAsActorAndIsIdempotent() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = start(f)) {
            ScheduledReport s = daily(kit, "daily", "bob@acme.test", "carol@acme.test");
            kit.advanceTo(s.nextRunAt());
            assertThat(f.email.received()).hasSize(2);
            String bobLink = f.email.received().stream()
                    .filter(r -> r.destination().equals("bob@acme.test"))
                    .findFirst()
                    .orElseThrow()
                    .variables()
                    .get("unsubscribe_url");
            assertThat(bobLink).startsWith("https://app.example.com/api/v1/unsubscribe?token=");
            String token = token(bobLink);

            assertThat(kit.reports().unsubscribeTarget(token).maskedDestination())
                    .isEqualTo("b***@acme.test");
            assertThat(kit.reports().unsubscribeTarget(token).alreadyUnsubscribed())
                    .isFalse();
            assertThat(f.sql.count(f.db.tables().auditEvents(), "action LIKE 'UNSUBSCRIBE%'"))
                    .as("showing the confirmation page changes nothing")
                    .isZero();

            UnsubscribeOutcome first = kit.reports().unsubscribe(token, UnsubscribeScope.SCHEDULE);
            assertThat(first.changed()).isTrue();
            assertThat(first.recipientsDeactivated()).isEqualTo(1);
            UnsubscribeOutcome again = kit.reports().unsubscribe(token, UnsubscribeScope.SCHEDULE);
            assertThat(again.changed()).as("idempotent").isFalse();

            String bobId = kit.reports().get(ALICE, s.id()).recipients().stream()
                    .filter(r -> r.destination().equals("bob@acme.test"))
                    .findFirst()
                    .orElseThrow()
                    .id();
            assertThat(f.sql.strings(
                            "SELECT actor FROM " + f.db.tables().auditEvents() + " WHERE action = 'UNSUBSCRIBE'"))
                    .as("one audit event, by the recipient")
                    .containsExactly("recipient:" + bobId);
            assertThat(f.sql.count(f.db.tables().recipients(), "is_active = FALSE"))
                    .isEqualTo(1);
            assertThat(kit.reports().recipientStates(ALICE, s.id()))
                    .extracting(RecipientState::destination, RecipientState::status)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("bob@acme.test", RecipientStatus.UNSUBSCRIBED),
                            org.assertj.core.groups.Tuple.tuple("carol@acme.test", RecipientStatus.ACTIVE));
            assertThat(kit.reports().unsubscribeTarget(token).alreadyUnsubscribed())
                    .isTrue();

            kit.advance(Duration.ofDays(1));
            assertThat(f.email.received())
                    .extracting(r -> r.destination())
                    .as("the next run goes to carol only")
                    .containsExactly("bob@acme.test", "carol@acme.test", "carol@acme.test");
        }
    }

    @Test
    void aRecipientWhoUnsubscribesAfterGenerationGetsNothingFromThatRunEither() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = start(f)) {
            ScheduledReport s = daily(kit, "daily", "bob@acme.test");
            kit.advanceTo(s.nextRunAt());
            String token = unsubscribeToken(f, "bob@acme.test");
            // the next run is generated and its delivery queued, then bob unsubscribes before it is sent
            f.email.beforeSend(d -> {
                if (d.attempt() == 1
                        && !d.executionId().equals(f.email.received().get(0).executionId())) {
                    kit.reports().unsubscribe(token, UnsubscribeScope.SCHEDULE);
                    throw new io.scheduledreports.spi.ReportsException(
                            io.scheduledreports.spi.ErrorCategory.NETWORK, "connection reset");
                }
            });
            kit.advance(Duration.ofDays(1));
            kit.advance(Duration.ofHours(1)); // past the first retry
            assertThat(f.email.received()).hasSize(1);
            assertThat(f.sql.strings("SELECT status FROM " + f.db.tables().deliveries() + " ORDER BY created_at"))
                    .containsExactly("SENT", "CANCELLED");
        }
    }

    @Test
    void tamperedExpiredOrDownloadTokensChangeNothing() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = start(f)) {
            ScheduledReport s = daily(kit, "daily", "bob@acme.test");
            kit.advanceTo(s.nextRunAt());
            String token = unsubscribeToken(f, "bob@acme.test");
            String download = token(f.email.received().get(0).variables().get("download_url"));
            Map<String, Long> before = f.sql.snapshot();

            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            assertThatThrownBy(() -> kit.reports().unsubscribe(tampered, UnsubscribeScope.SCHEDULE))
                    .isInstanceOf(InvalidUnsubscribeTokenException.class);
            assertThatThrownBy(() -> kit.reports().unsubscribe(download, UnsubscribeScope.TENANT))
                    .as("a download token is not an unsubscribe token")
                    .isInstanceOf(InvalidUnsubscribeTokenException.class);
            assertThatThrownBy(() -> kit.reports().openDownload(token))
                    .as("an unsubscribe token opens no file")
                    .isInstanceOf(InvalidDownloadTokenException.class);
            kit.reports().pause(ALICE, s.id()); // no more runs: only time passes
            kit.advance(Duration.ofDays(4));
            assertThatThrownBy(() -> kit.reports().unsubscribe(token, UnsubscribeScope.SCHEDULE))
                    .isInstanceOfSatisfying(
                            InvalidUnsubscribeTokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(InvalidDownloadTokenException.Reason.EXPIRED));
            assertThat(f.sql.count(f.db.tables().recipients(), "is_active = FALSE"))
                    .isZero();
            assertThat(f.sql.count(f.db.tables().auditEvents(), "action LIKE 'UNSUBSCRIBE%'"))
                    .isZero();
            assertThat(f.sql.snapshot().get(f.db.tables().recipients()))
                    .isEqualTo(before.get(f.db.tables().recipients()));
        }
    }

    @Test
    void unsubscribingFromTheTenantStopsEveryScheduleAndSurvivesRemovingAndAddingTheAddressAgain() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = start(f)) {
            ScheduledReport one = daily(kit, "one", "bob@acme.test", "carol@acme.test");
            ScheduledReport two = daily(kit, "two", "bob@acme.test");
            kit.advanceTo(one.nextRunAt());
            assertThat(f.email.received()).hasSize(3);

            UnsubscribeOutcome outcome =
                    kit.reports().unsubscribe(unsubscribeToken(f, "bob@acme.test"), UnsubscribeScope.TENANT);
            assertThat(outcome.recipientsDeactivated()).isEqualTo(2);
            assertThat(f.sql.strings("SELECT actor FROM " + f.db.tables().auditEvents()
                            + " WHERE action = 'UNSUBSCRIBE_TENANT'"))
                    .singleElement()
                    .asString()
                    .startsWith("recipient:");

            // the owner removes bob from "two" and adds him again: the opt-out still holds
            String bobOnTwo =
                    kit.reports().get(ALICE, two.id()).recipients().get(0).id();
            kit.reports().removeRecipient(ALICE, two.id(), bobOnTwo);
            kit.reports().addRecipient(ALICE, two.id(), Recipient.of("email", "bob@acme.test"));
            // and a new schedule of the tenant cannot reach him either
            daily(kit, "three", "bob@acme.test");
            assertThat(kit.reports().recipientStates(ALICE, two.id()))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.status()).isEqualTo(RecipientStatus.UNSUBSCRIBED);
                        assertThat(r.tenantWideOptOut()).isTrue();
                    });

            int before = f.email.received().size();
            kit.advance(Duration.ofDays(1));
            assertThat(f.email.received().subList(before, f.email.received().size()))
                    .extracting(r -> r.destination())
                    .containsExactly("carol@acme.test");
        }
    }

    @Test
    void theOwnerReActivatesAnUnsubscribedRecipientOnlyWithTheRecipientsConsent() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = start(f)) {
            ScheduledReport s = daily(kit, "daily", "bob@acme.test");
            kit.advanceTo(s.nextRunAt());
            kit.reports().unsubscribe(unsubscribeToken(f, "bob@acme.test"), UnsubscribeScope.SCHEDULE);
            String bob = s.recipients().get(0).id();

            assertThatThrownBy(() -> kit.reports().reactivateRecipient(ALICE, s.id(), bob, false))
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("consent_confirmed"));
            assertThatThrownBy(() -> kit.reports().reactivateRecipient(Actor.of("acme", "mallory"), s.id(), bob, true))
                    .as("another user of the tenant does not see alice's schedule")
                    .isInstanceOf(ReportsNotFoundException.class);
            assertThatThrownBy(() -> kit.reports().reactivateRecipient(Actor.of("other", "alice"), s.id(), bob, true))
                    .isInstanceOf(ReportsNotFoundException.class);

            RecipientState state = kit.reports().reactivateRecipient(ALICE, s.id(), bob, true);
            assertThat(state.status()).isEqualTo(RecipientStatus.ACTIVE);
            assertThat(f.sql.strings("SELECT actor FROM " + f.db.tables().auditEvents()
                            + " WHERE action = 'REACTIVATE_RECIPIENT'"))
                    .containsExactly("alice");
            kit.advance(Duration.ofDays(1));
            assertThat(f.email.received()).extracting(r -> r.destination()).hasSize(2);
            assertThat(List.of(
                            kit.reports().recipientStates(ALICE, s.id()).get(0).status()))
                    .containsExactly(RecipientStatus.ACTIVE);
        }
    }
}
