package io.scheduledreports.delivery.email;

import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.Recipient;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@link Delivery} values for tests: one execution, several recipients. */
final class TestDeliveries {

    static final Instant SCHEDULED_FOR = Instant.parse("2026-03-02T08:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private final List<Recipient> recipients;
    private Artifact artifact = TestArtifact.csv("weekly-sales-2026-03-02.csv", "region,amount\r\nEU,10\r\n");
    private Map<String, String> options = Map.of();
    private final Map<String, String> variables = new HashMap<>(Map.of(
            "report_name", "Weekly sales",
            "report_type", "sales",
            "date", "2026-03-02",
            "scheduled_for", "02.03.2026 09:00",
            "timezone", "Europe/Berlin",
            "row_count", "1",
            "execution_id", "exec-1"));
    private String executionId = "exec-1";

    private TestDeliveries(List<Recipient> recipients) {
        this.recipients = recipients.stream()
                .map(r -> r.id() == null ? r.withId("r-" + r.destination()) : r)
                .toList();
    }

    /** Deliveries to these recipients (ids are assigned). */
    static TestDeliveries of(Recipient... recipients) {
        return new TestDeliveries(List.of(recipients));
    }

    TestDeliveries artifact(Artifact newArtifact) {
        this.artifact = newArtifact;
        return this;
    }

    TestDeliveries options(Map<String, String> newOptions) {
        this.options = newOptions;
        return this;
    }

    TestDeliveries variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    TestDeliveries executionId(String id) {
        this.executionId = id;
        return this;
    }

    List<Recipient> recipients() {
        return recipients;
    }

    /** The delivery to the recipient with this address, first attempt. */
    Delivery to(String address) {
        return to(address, 1);
    }

    Delivery to(String address, int attempt) {
        Recipient recipient = recipients.stream()
                .filter(r -> r.destination().equals(address))
                .findFirst()
                .orElseThrow();
        return new Delivery(
                "d-" + address + "-" + attempt,
                executionId + ":" + recipient.id(),
                "tenant-1",
                "schedule-1",
                executionId,
                variables.get("report_name"),
                recipient,
                recipients,
                artifact,
                variables,
                options,
                Locale.GERMANY,
                ZONE,
                SCHEDULED_FOR,
                attempt);
    }

    /** Every recipient's delivery. */
    List<Delivery> all() {
        return recipients.stream().map(r -> to(r.destination())).toList();
    }
}
