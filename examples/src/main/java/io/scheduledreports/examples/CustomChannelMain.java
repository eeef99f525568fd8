package io.scheduledreports.examples;

import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.formats.Formatters;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.DeliveryResult;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A delivery channel of one's own: {@code folder} copies each report into a sub-directory named by the recipient.
 * Destinations are checked when the schedule is saved, not at the first run; the idempotency key makes a repeated
 * delivery (after a crash) overwrite the same file instead of adding another.
 */
public final class CustomChannelMain {

    private CustomChannelMain() {}

    /** Copies reports into {@code <root>/<destination>/}; destinations are simple folder names. */
    public static final class FolderChannel implements DeliveryChannel {
        private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
        private final Path root;

        public FolderChannel(Path root) {
            this.root = root;
        }

        @Override
        public String id() {
            return "folder";
        }

        @Override
        public void validateRecipient(Recipient recipient) {
            if (!NAME.matcher(recipient.destination()).matches()) {
                throw new ReportsValidationException(
                        "recipients.destination",
                        "must be a folder name of [a-z0-9_-], was '" + recipient.destination() + "'");
            }
        }

        @Override
        public DeliveryResult deliver(Delivery delivery) throws IOException {
            Path folder =
                    Files.createDirectories(root.resolve(delivery.recipient().destination()));
            Path target = folder.resolve(
                    delivery.idempotencyKey() + "-" + delivery.artifact().fileName());
            try (InputStream in = delivery.artifact().open()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return DeliveryResult.sent(target.toString());
        }
    }

    public static void main(String[] args) throws Exception {
        run(Files.createTempDirectory("folder-channel")).forEach(System.out::println);
    }

    /** Runs a report to two folders and returns the delivered files. */
    public static List<Path> run(Path root) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:custom-channel-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ScheduledReports.Builder builder = ScheduledReports.builder(dataSource)
                .reportType(ReportTypes.fromMaps(
                        "inventory",
                        List.of(Column.text("item"), Column.integer("count")),
                        request -> Stream.of(
                                Map.of("item", "bolts", "count", 1200L), Map.of("item", "nuts", "count", 800L))))
                .formatters(Formatters.defaults())
                .channel(new FolderChannel(root))
                .artifactDirectory(Files.createTempDirectory("custom-channel-artifacts"));
        try (ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-16T07:00:00Z"))) {
            ScheduledReports reports = kit.reports();
            Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
            try {
                reports.create(alice, request().recipient("folder", "../etc").build());
            } catch (ReportsValidationException refused) {
                System.out.println("Refused up front: " + refused.getMessage());
            }
            ScheduledReport schedule = reports.create(
                    alice,
                    request()
                            .recipient("folder", "warehouse")
                            .recipient("folder", "accounting")
                            .build());
            Execution run = reports.runNow(alice, schedule.id());
            kit.runDue();
            System.out.println("Execution " + reports.execution(alice, run.id()).status() + ", deliveries: "
                    + reports.execution(alice, run.id()).deliveries().stream()
                            .map(d -> d.destination() + "=" + d.status())
                            .toList());
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile).sorted().toList();
            }
        }
    }

    private static ScheduleRequest.Builder request() {
        return ScheduleRequest.builder()
                .name("Inventory")
                .reportType("inventory")
                .outputFormat("xlsx")
                .schedule("{\"cadence\": \"monthly\", \"day_of_month\": \"last\", \"time\": \"18:00\","
                        + " \"timezone\": \"America/New_York\"}");
    }
}
