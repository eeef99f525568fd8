package io.scheduledreports.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.formats.PdfFormatter;
import io.scheduledreports.formats.XlsxFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code delivery_options.inline_rows}: the report's first rows, captured while it is generated, as an escaped
 * HTML table in the e-mail, beside the attachment or alone with {@code attach: false}; for every format.
 */
class EmailInlineRowsTest {

    static final String DAILY = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Europe/Paris\"}";

    @RegisterExtension
    final GreenMailExtension smtp = GreenMailExtension.smtp();

    @TempDir
    Path artifacts;

    final Actor alice = Actor.of("acme", "alice");
    final AtomicInteger queries = new AtomicInteger();
    EmailChannel email;
    ReportsTestKit kit;

    @BeforeEach
    void start() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:inline-rows-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        email = EmailChannel.create(smtp.settings().build());
        // 5,000 rows, a few pages: the sample is the first few rows, whatever the size of the report
        var orders = ReportTypes.fromMaps(
                "orders", List.of(Column.integer("id"), Column.text("customer"), Column.integer("amount")), req -> {
                    queries.incrementAndGet();
                    return LongStream.range(1, 5_001)
                            .mapToObj(i -> Map.<String, Object>of(
                                    "id", i, "customer", i == 1 ? "<b>x</b>" : "customer " + i, "amount", i * 10));
                });
        kit = ReportsTestKit.start(
                io.scheduledreports.core.ScheduledReports.builder(h2)
                        .reportType(orders)
                        .formatter(CsvFormatter.ofDefaults())
                        .formatter(XlsxFormatter.ofDefaults())
                        .formatter(PdfFormatter.ofDefaults())
                        .channel(email)
                        .artifactDirectory(artifacts)
                        .diskGuard(DiskGuard.disabled()),
                Instant.parse("2026-02-10T18:30:00Z"));
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
        email.close();
    }

    ScheduleRequest.Builder orders(String format, Map<String, String> options) {
        return ScheduleRequest.builder()
                .name("Orders")
                .reportType("orders")
                .outputFormat(format)
                .schedule(DAILY)
                .recipient("email", "alice@acme.test")
                .deliveryOptions("email", options);
    }

    MimeMessage runAndReceive(ScheduledReport s) throws Exception {
        kit.advanceTo(s.nextRunAt());
        return smtp.only("alice@acme.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx", "pdf"})
    void firstRowsAreAnEscapedTableBesideTheAttachment(String format) throws Exception {
        ScheduledReport s = kit.reports()
                .create(alice, orders(format, Map.of("inline_rows", "3")).build());

        MimeMessage message = runAndReceive(s);

        String html = MailParts.html(message);
        assertThat(html).contains("<th", ">id</th>", ">customer</th>", ">amount</th>");
        assertThat(html)
                .as("a value <b>x</b> shows as text, not markup")
                .contains("&lt;b&gt;x&lt;/b&gt;")
                .doesNotContain("<b>x</b>");
        assertThat(html).contains(">customer 2</td>", ">customer 3</td>").doesNotContain("customer 4");
        assertThat(html).contains("The first 3 rows of the report.");
        assertThat(MailParts.text(message)).contains("id | customer | amount", "1 | <b>x</b> | 10");
        assertThat(MailParts.attachments(message))
                .singleElement()
                .satisfies(a -> assertThat(a.fileName()).endsWith("." + format));
        assertThat(queries)
                .as("the rows come from the one generation, not a second query")
                .hasValue(1);
    }

    @Test
    void attachFalseSendsTheTableAlone() throws Exception {
        ScheduledReport s = kit.reports()
                .create(
                        alice,
                        orders("pdf", Map.of("inline_rows", "2", "attach", "false"))
                                .build());

        MimeMessage message = runAndReceive(s);

        assertThat(MailParts.html(message)).contains("&lt;b&gt;x&lt;/b&gt;", ">customer 2</td>");
        assertThat(MailParts.attachments(message)).isEmpty();
        assertThat(MailParts.html(message)).doesNotContain("Attached:", "download");
    }

    @Test
    void withoutInlineRowsNothingIsCapturedOrShown() throws Exception {
        ScheduledReport s = kit.reports().create(alice, orders("csv", Map.of()).build());

        MimeMessage message = runAndReceive(s);

        assertThat(MailParts.html(message)).doesNotContain("<table");
        assertThat(MailParts.attachments(message)).hasSize(1);
    }

    @Test
    void inlineRowsIsBoundedAndAttachFalseNeedsIt() {
        assertThatThrownBy(() -> kit.reports()
                        .create(
                                alice,
                                orders("csv", Map.of("inline_rows", "101")).build()))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("delivery_options.inline_rows: must be a whole number 1-100, was '101'");
        assertThatThrownBy(() -> kit.reports()
                        .create(
                                alice,
                                orders("csv", Map.of("inline_rows", "ten")).build()))
                .hasMessageStartingWith("delivery_options.inline_rows: must be a whole number 1-100");
        assertThatThrownBy(() -> kit.reports()
                        .create(alice, orders("csv", Map.of("attach", "false")).build()))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("delivery_options.attach: false sends neither the file nor a link");
        assertThatThrownBy(() -> kit.reports()
                        .create(alice, orders("csv", Map.of("attach", "no")).build()))
                .hasMessage("delivery_options.attach: must be true or false, was 'no'");
    }
}
