package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.core.limits.ChannelRateLimit;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A delivery's attempt is committed as SENDING before its channel is called, whichever way it was claimed: the
 * first delivery of a run is recorded SENDING by the generation's own transaction when its channel has no rate
 * limit (it cannot have to wait), otherwise claimed by its own update; the others are claimed by their tasks. A
 * crash during the send then leaves the delivery to be sent again under its key, never lost; and a delivery sent
 * at its first try has used exactly one attempt.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class DeliveryClaimTest {

    static final Instant T0 = Instant.parse("2026-02-10T08:00:00Z");
    static final Instant DUE = Instant.parse("2026-02-10T09:00:00Z");
    final Actor alice = Actor.of("acme", "alice");

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;

    /** What the channel saw of its delivery's row while it was sending, by destination. */
    final Map<String, String> seenWhileSending = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private List<DeliveryRecord> runOnce(UnaryOperator<ScheduledReports.Builder> setUp, String... destinations) {
        f = new EngineFixture(database, artifacts);
        f.email.beforeSend(d -> seenWhileSending.put(d.recipient().destination(), row(d.deliveryId())));
        kit = ReportsTestKit.start(setUp.apply(f.builder()), T0);
        ScheduleRequest.Builder request = ScheduleRequest.builder()
                .name("Daily sales")
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");
        for (String destination : destinations) {
            request.recipient("email", destination);
        }
        ScheduledReport s = kit.reports().create(alice, request.build());
        kit.advanceTo(DUE);
        kit.runDue();
        List<Execution> runs =
                kit.reports().executions(alice, s.id(), PageRequest.first()).items();
        assertThat(runs).hasSize(1);
        Execution run = kit.reports().execution(alice, runs.getFirst().id());
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return run.deliveries();
    }

    /** The delivery row's status and attempts, as another connection sees them. */
    private String row(String deliveryId) {
        String table = f.db.tables().deliveries();
        for (String status : List.of("PENDING", "SENDING", "SENT")) {
            for (int attempts = 0; attempts <= 2; attempts++) {
                if (f.sql.count(
                                table,
                                "id = '" + deliveryId + "' AND status = '" + status + "' AND attempts = " + attempts)
                        == 1) {
                    return status + "/" + attempts;
                }
            }
        }
        return "other";
    }

    @Test
    void theFirstDeliveryIsRecordedSendingByItsGenerationWhenItsChannelHasNoRateLimit() {
        List<DeliveryRecord> deliveries = runOnce(b -> b, "alice@acme.test");

        assertThat(seenWhileSending).containsExactly(Map.entry("alice@acme.test", "SENDING/1"));
        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(f.email.received())
                .singleElement()
                .satisfies(r -> assertThat(r.attempt()).isEqualTo(1));
    }

    @Test
    void underARateLimitTheFirstDeliveryIsClaimedByItsOwnUpdate() {
        List<DeliveryRecord> deliveries =
                runOnce(b -> b.channelRateLimit("email", ChannelRateLimit.perMinute(100)), "alice@acme.test");

        assertThat(seenWhileSending).containsExactly(Map.entry("alice@acme.test", "SENDING/1"));
        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).isEqualTo(1);
        });
    }

    @Test
    void theOtherRecipientsDeliveriesAreClaimedByTheirTasks() {
        List<DeliveryRecord> deliveries = runOnce(b -> b, "alice@acme.test", "bob@acme.test", "carol@acme.test");

        assertThat(seenWhileSending)
                .containsOnlyKeys("alice@acme.test", "bob@acme.test", "carol@acme.test")
                .allSatisfy((destination, row) -> assertThat(row).isEqualTo("SENDING/1"));
        assertThat(deliveries).hasSize(3).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(f.email.received())
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.attempt()).isEqualTo(1));
    }
}
