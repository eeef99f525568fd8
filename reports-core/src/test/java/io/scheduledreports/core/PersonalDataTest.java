package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.core.links.DownloadLinkConfig;
import io.scheduledreports.core.links.Pseudonyms;
import io.scheduledreports.core.recipients.DataSubject;
import io.scheduledreports.core.recipients.ErasureResult;
import io.scheduledreports.core.recipients.UnsubscribeScope;
import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GDPR export and erasure: one JSON document per person; erasing an address removes it from every recipient list
 * and leaves only its keyed hash in deliveries and audit; erasing a user deletes their schedules, runs and files;
 * unknown people change nothing; an interrupted erasure finishes when run again.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class PersonalDataTest {

    private static final Instant START = Instant.parse("2026-02-10T18:30:00Z");
    private static final String DAILY = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}";
    private static final Actor ALICE = Actor.of("acme", "alice");
    private static final Actor ADMIN = Actor.of("acme", "root", Actor.ADMIN);
    private static final String BOB = "bob@acme.test";
    private static final DownloadLinkConfig KEYS = DownloadLinkConfig.builder()
            .key("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
            .build();

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    private ScheduledReports.Builder builder(EngineFixture f) {
        return f.builder()
                .downloadLinks(KEYS, URI.create("https://app.example.com/api/v1/report-executions/download"))
                .unsubscribeLinks(URI.create("https://app.example.com/api/v1/unsubscribe"));
    }

    private static ScheduledReport daily(ReportsTestKit kit, Actor owner, String name, String... addresses) {
        ScheduleRequest.Builder request =
                ScheduleRequest.builder().name(name).reportType("sales").schedule(DAILY);
        for (String address : addresses) {
            request.recipient("email", address);
        }
        return kit.reports().create(owner, request.build());
    }

    /** Bob gets two runs of alice's report (one failing with his address in the error) and unsubscribes. */
    private ScheduledReport bobsHistory(EngineFixture f, ReportsTestKit kit) {
        ScheduledReport s = daily(kit, ALICE, "Orders", BOB, "carol@acme.test");
        kit.advanceTo(s.nextRunAt());
        f.email.fail(BOB, ErrorCategory.CONFIGURATION);
        kit.advance(Duration.ofDays(1));
        f.email.heal(BOB);
        String link = f.email.receivedBy(BOB).get(0).variables().get("unsubscribe_url");
        kit.reports().unsubscribe(link.substring(link.indexOf("token=") + 6), UnsubscribeScope.SCHEDULE);
        return s;
    }

    @Test
    void exportOfAnAddressHasItsRecipientListsDeliveriesAndWhatItDidByLink() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(builder(f), START)) {
            ScheduledReport s = bobsHistory(f, kit);
            JsonNode doc = new ObjectMapper()
                    .readTree(kit.reports().admin().export(ADMIN, "acme", DataSubject.email("BOB@acme.test")));
            assertThat(doc.path("subject").path("kind").asText()).isEqualTo("email");
            assertThat(doc.path("recipient_of")).hasSize(1);
            assertThat(doc.path("recipient_of").get(0).path("schedule_id").asText())
                    .isEqualTo(s.id());
            assertThat(doc.path("recipient_of").get(0).path("is_active").asBoolean())
                    .isFalse();
            assertThat(doc.path("opt_outs")).hasSize(1);
            assertThat(doc.path("deliveries_to_them")).hasSize(2);
            assertThat(doc.path("deliveries_to_them").findValuesAsText("status"))
                    .containsExactly("SENT", "FAILED");
            assertThat(doc.path("audit_events_by_them").findValuesAsText("action"))
                    .containsExactly("UNSUBSCRIBE");
            assertThat(doc.toString()).doesNotContain("carol@acme.test");
            assertThat(f.sql.strings("SELECT action FROM " + f.db.tables().auditEvents()
                            + " WHERE action = 'EXPORT_PERSONAL_DATA' AND actor = 'root'"))
                    .hasSize(1);
        }
    }

    @Test
    void exportOfAUserHasTheSchedulesTheyOwnWithRecipientsParametersAndRunsAndTheirAuditEntries() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(builder(f), START)) {
            ScheduledReport s = bobsHistory(f, kit);
            daily(kit, Actor.of("acme", "oscar"), "Not alice's", "dan@acme.test");
            JsonNode doc =
                    new ObjectMapper().readTree(kit.reports().admin().export(ADMIN, "acme", DataSubject.user("alice")));
            assertThat(doc.path("schedules_owned")).hasSize(1);
            JsonNode owned = doc.path("schedules_owned").get(0);
            assertThat(owned.path("id").asText()).isEqualTo(s.id());
            assertThat(owned.path("schedule_config").path("cadence").asText()).isEqualTo("daily");
            assertThat(owned.path("recipients").findValuesAsText("destination"))
                    .containsExactlyInAnyOrder(BOB, "carol@acme.test");
            assertThat(owned.path("executions")).hasSize(2);
            assertThat(doc.path("audit_events_by_them").findValuesAsText("action"))
                    .contains("CREATE");
            assertThat(doc.toString()).doesNotContain("Not alice's");
            assertThatThrownBy(() -> kit.reports().admin().export(ALICE, "acme", DataSubject.user("alice")))
                    .as("admins only")
                    .isInstanceOf(ReportsAccessDeniedException.class);
        }
    }

    @Test
    void erasingAnAddressLeavesOnlyItsKeyedHashAndTheStatisticsAndRepeatingItChangesNothing() throws Exception {
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(builder(f), START)) {
            ScheduledReport s = bobsHistory(f, kit);
            long deliveries = f.sql.count(f.db.tables().deliveries());
            assertThat(tablesContaining(f, BOB)).as("before").isNotEmpty();

            ErasureResult result = kit.reports().admin().erase(ADMIN, "acme", DataSubject.email("Bob@Acme.test"));

            String hash = Pseudonyms.create(KEYS).of("email", BOB);
            assertThat(result.pseudonym()).isEqualTo(hash).startsWith("erased:k1:");
            assertThat(result.rows())
                    .containsEntry("schedule_recipients.destination", 1)
                    .containsEntry("recipient_opt_outs.destination", 1)
                    .containsEntry("report_deliveries.destination", 2);
            assertThat(tablesContaining(f, "bob@acme"))
                    .as("the address is nowhere")
                    .isEmpty();
            assertThat(f.sql.count(f.db.tables().deliveries()))
                    .as("statistics survive")
                    .isEqualTo(deliveries);
            assertThat(f.sql.count(f.db.tables().deliveries(), "destination = '" + hash + "'"))
                    .isEqualTo(2);
            assertThat(kit.reports().get(ALICE, s.id()).recipients())
                    .extracting(r -> r.destination())
                    .containsExactly("carol@acme.test");
            assertThat(f.sql.strings("SELECT new_value FROM " + f.db.tables().auditEvents()
                            + " WHERE action = 'ERASE_PERSONAL_DATA'"))
                    .singleElement()
                    .asString()
                    .contains(hash)
                    .doesNotContain("bob");

            assertThat(kit.reports()
                            .admin()
                            .erase(ADMIN, "acme", DataSubject.email(BOB))
                            .total())
                    .as("repeated: nothing left to change")
                    .isZero();
            assertThat(kit.reports()
                            .admin()
                            .erase(ADMIN, "acme", DataSubject.email("nobody@acme.test"))
                            .total())
                    .as("an unknown address changes nothing")
                    .isZero();
            kit.advance(Duration.ofDays(1));
            assertThat(f.email.receivedBy(hash)).isEmpty();
            assertThat(f.email.receivedBy("carol@acme.test")).hasSize(3);
        }
    }

    @Test
    void erasingAUserDeletesTheirSchedulesRunsAndFilesAndAnInterruptedErasureFinishesWhenRunAgain() throws Exception {
        FlakyStore store = new FlakyStore(new LocalDirectoryArtifactStore(artifacts));
        try (EngineFixture f = new EngineFixture(database, artifacts);
                ReportsTestKit kit = ReportsTestKit.start(builder(f).artifactStore(store), START)) {
            ScheduledReport one = daily(kit, ALICE, "One", BOB);
            ScheduledReport two = daily(kit, ALICE, "Two", BOB);
            ScheduledReport oscars = daily(kit, Actor.of("acme", "oscar"), "Oscar's", BOB);
            kit.advanceTo(one.nextRunAt());
            kit.advance(Duration.ofDays(1));
            assertThat(files()).hasSize(6);

            store.failAfter(2); // the third file cannot be deleted: the erasure stops after the first schedule
            assertThatThrownBy(() -> kit.reports().admin().erase(ADMIN, "acme", DataSubject.user("alice")))
                    .hasMessageContaining("run the erasure again");
            assertThat(f.sql.count(f.db.tables().schedules(), "owner_id = 'alice'"))
                    .as("half done")
                    .isEqualTo(1);

            store.failAfter(Integer.MAX_VALUE);
            ErasureResult result = kit.reports().admin().erase(ADMIN, "acme", DataSubject.user("alice"));
            assertThat(result.rows()).containsEntry("scheduled_reports", 1).containsEntry("report_executions", 2);
            assertThat(f.sql.count(f.db.tables().schedules(), "owner_id = 'alice'"))
                    .isZero();
            assertThat(f.sql.count(
                            f.db.tables().executions(), "schedule_id IN ('" + one.id() + "', '" + two.id() + "')"))
                    .isZero();
            assertThat(f.sql.count(f.db.tables().deliveries()))
                    .as("oscar's two deliveries")
                    .isEqualTo(2);
            assertThat(files()).as("only oscar's files are left").hasSize(2);
            assertThat(f.sql.count(f.db.tables().tasks(), "task_instance IN ('" + one.id() + "', '" + two.id() + "')"))
                    .as("no timer left")
                    .isZero();
            String hash = Pseudonyms.create(KEYS).of("user", "alice");
            assertThat(f.sql.count(f.db.tables().auditEvents(), "actor = 'alice'"))
                    .isZero();
            assertThat(f.sql.count(f.db.tables().auditEvents(), "actor = '" + hash + "'"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(kit.reports().get(Actor.of("acme", "oscar"), oscars.id()).name())
                    .isEqualTo("Oscar's");
            assertThat(kit.reports()
                            .admin()
                            .erase(ADMIN, "acme", DataSubject.user("alice"))
                            .total())
                    .isZero();
            kit.advance(Duration.ofDays(1));
            assertThat(f.email.receivedBy(BOB))
                    .as("oscar's report goes on, alice's do not")
                    .hasSize(7);
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(artifacts)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** Tables of this test with a text value that contains {@code needle}, ignoring case. */
    private static List<String> tablesContaining(EngineFixture f, String needle) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = f.db.dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            String prefix = f.db.tables().prefix();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, null, new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (name.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                            && !name.toLowerCase(Locale.ROOT).endsWith("report_scheduled_tasks")) {
                        tables.add(name);
                    }
                }
            }
            for (String table : tables) {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            String v = rs.getString(i);
                            if (v != null && v.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT))) {
                                hits.add(table + "." + rs.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** A real local store whose deletes start failing after a number of them (a store that went away). */
    private static final class FlakyStore implements ArtifactStore {
        private final ArtifactStore delegate;
        private final AtomicInteger deletesLeft = new AtomicInteger(Integer.MAX_VALUE);

        FlakyStore(ArtifactStore delegate) {
            this.delegate = delegate;
        }

        void failAfter(int deletes) {
            deletesLeft.set(deletes);
        }

        @Override
        public ArtifactOutput create(String key) throws IOException {
            return delegate.create(key);
        }

        @Override
        public InputStream open(String key) throws IOException {
            return delegate.open(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            if (deletesLeft.getAndDecrement() <= 0) {
                throw new IOException("store unreachable");
            }
            return delegate.delete(key);
        }

        @Override
        public boolean exists(String key) throws IOException {
            return delegate.exists(key);
        }
    }
}
