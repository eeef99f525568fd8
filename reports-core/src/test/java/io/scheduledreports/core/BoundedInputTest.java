package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Oversized or ambiguous input is refused up front, naming the field, and leaves every table unchanged. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BoundedInputTest {

    @Parameter
    TestDatabase database;

    @TempDir
    Path artifacts;

    EngineFixture f;
    ReportsTestKit kit;
    ScheduledReports reports;
    final Actor alice = Actor.of("acme", "alice", Actor.ADMIN);

    @BeforeEach
    void start() {
        f = new EngineFixture(database, artifacts);
        kit = ReportsTestKit.start(f.builder(), Instant.parse("2026-02-10T18:30:00Z"));
        reports = kit.reports();
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
        f.close();
    }

    ScheduleRequest.Builder valid() {
        return ScheduleRequest.builder()
                .name("n")
                .reportType("sales")
                .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"UTC\"}");
    }

    @Test
    void oversizedValuesAreRefusedNamingTheFieldAndWriteNothing() {
        reports.create(alice, valid().build()); // the tables exist and hold something
        Map<String, Long> before = f.sql.snapshot();
        record Case(ScheduleRequest.Builder request, String message) {}
        List<Case> cases = List.of(
                new Case(
                        valid().param("region", "n".repeat(1_001)),
                        "report_params.region: must be at most 1000 characters, was 1001"),
                new Case(
                        valid().param("tags", Collections.nCopies(1_001, "x")),
                        "report_params.tags: must have at most 1000 elements, was 1001"),
                new Case(
                        valid().param("tags", List.of("ok", "y".repeat(1_001))),
                        "report_params.tags[1]: must be at most 1000 characters, was 1001"),
                new Case(
                        valid().params(Map.of())
                                .param("a", "x".repeat(900))
                                .param("b", Collections.nCopies(20, "z".repeat(900))),
                        "report_params: must be at most 16384 characters as JSON"),
                new Case(valid().name("n".repeat(201)), "name: must be at most 200 characters, was 201"),
                new Case(valid().ownerId("o".repeat(129)), "owner_id: must be at most 128 characters, was 129"),
                new Case(valid().ownerId("bob "), "owner_id: must not start or end with whitespace, was 'bob '"),
                new Case(valid().ownerId("bob\u0000"), "owner_id: must not contain control characters"),
                new Case(
                        valid().locale(Locale.forLanguageTag("de-CH-x-" + "abcdefgh-".repeat(5) + "a")),
                        "locale: must be at most 35 characters"));
        for (Case c : cases) {
            assertThatThrownBy(() -> reports.create(alice, c.request().build()))
                    .as(c.message())
                    .isInstanceOf(ReportsValidationException.class)
                    .hasMessageContaining(c.message());
        }
        assertThatThrownBy(() -> valid().schedule("{\"cadence\":\"cron\",\"cron_expression\":\"" + "0 ".repeat(150)
                        + "\",\"timezone\":\"UTC\"}"))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("cron_expression: must be at most 200 characters, was 300");
        assertThat(f.sql.snapshot()).isEqualTo(before);
    }

    @Test
    void idsWithPaddingOrControlCharactersOrLongerThanTheirColumnAreRefused() {
        assertThatThrownBy(() -> Actor.of("acme ", "alice"))
                .hasMessage("tenant_id: must not start or end with whitespace, was 'acme '");
        assertThatThrownBy(() -> Actor.of(" acme", "alice")).hasMessageStartingWith("tenant_id:");
        assertThatThrownBy(() -> Actor.of("acme", "alice\t")).hasMessageStartingWith("user_id:");
        assertThatThrownBy(() -> Actor.of("ac\u0001me", "alice"))
                .hasMessage("tenant_id: must not contain control characters, was 'ac?me'");
        assertThatThrownBy(() -> Actor.of("t".repeat(65), "alice"))
                .hasMessage("tenant_id: must be at most 64 characters, was 65");
        assertThatThrownBy(() -> Actor.of("acme", "u".repeat(129)))
                .hasMessage("user_id: must be at most 128 characters, was 129");
        assertThat(Actor.of("t".repeat(64), "u".repeat(128)).tenantId()).hasSize(64);
    }

    @Test
    void aPageBeyondTheLargestOffsetIsRefusedNotWrappedToANegativeOffset() {
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 200))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("page: page x size must be at most 2147483647 rows from the start");
        assertThat(PageRequest.of(Integer.MAX_VALUE / 200, 200).page()).isEqualTo(Integer.MAX_VALUE / 200);
        assertThat(reports.list(
                                alice,
                                new ScheduleQuery(null, null, null, PageRequest.of(Integer.MAX_VALUE / 200, 200)))
                        .items())
                .isEmpty();
    }
}
