package io.scheduledreports.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.ArtifactDownload;
import io.scheduledreports.core.DeliveryRecord;
import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.ReportsValidationException;
import io.scheduledreports.spi.SecretResolver;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3DeliveryChannelTest {

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private static final SecretResolver SECRETS = SecretResolver.of(Map.of(
            "drop.key-id", S3ProxyServer.ACCESS_KEY,
            "drop.secret", S3ProxyServer.SECRET_KEY,
            "bad.key-id", S3ProxyServer.ACCESS_KEY,
            "bad.secret", "not-the-secret"));

    private S3DeliveryChannel channel() {
        return S3DeliveryChannel.builder()
                .connection(S3Connection.compatible("drop", S3.endpoint(), "drop.key-id", "drop.secret"))
                .connection(S3Connection.compatible("bad", S3.endpoint(), "bad.key-id", "bad.secret"))
                .secrets(SECRETS)
                .allowBuckets("acme", "finance-drop", "bad-drop")
                .allowBuckets(S3DeliveryChannel.ALL_TENANTS, "shared-drop")
                .build();
    }

    private static Recipient s3(String destination, Map<String, String> options) {
        return new Recipient(null, "s3", destination, options);
    }

    @Test
    void refusesMalformedRecipientsNamingTheFieldAndTheValue() {
        try (S3DeliveryChannel channel = channel()) {
            Map<Recipient, String> cases = Map.of(
                    s3("https://finance-drop/x", Map.of("connection", "drop")),
                    "recipients.destination: must be s3://bucket or s3://bucket/prefix, was 'https://finance-drop/x'",
                    s3("s3://Finance_Drop", Map.of("connection", "drop")),
                    "recipients.destination: bucket: must be 3-63 characters",
                    s3("s3://finance-drop/a/../b", Map.of("connection", "drop")),
                    "recipients.destination: prefix: segment '..'",
                    s3("s3://finance-drop", Map.of("connection", "nope")),
                    "recipients.options.connection: unknown connection 'nope'; configured: [bad, drop]",
                    s3("s3://finance-drop", Map.of("connection", "drop", "acl", "public-read")),
                    "recipients.options.acl: unknown option for channel 's3'; known: connection, object_name",
                    s3(
                            "s3://finance-drop",
                            Map.of("connection", "drop", "object_name", "{schedule}/{when}/{file_name}")),
                    "recipients.options.object_name: unknown variable '{when}'; known: [schedule, schedule_id,"
                            + " execution_id, tenant, date, file_name]",
                    s3("s3://finance-drop", Map.of("connection", "drop", "object_name", "../{file_name}")),
                    "recipients.options.object_name: empty, '.' or '..' segment in '../{file_name}'",
                    s3("s3://finance-drop", Map.of("connection", "drop", "object_name", "{schedule}/latest.csv")),
                    "recipients.options.object_name: must contain {file_name} or {execution_id}",
                    s3("s3://finance-drop", Map.of("connection", "drop", "object_name", "my report/{file_name}")),
                    "recipients.options.object_name: literal text may only use [A-Za-z0-9._-]");
            cases.forEach((recipient, message) -> assertThatThrownBy(() -> channel.validateRecipient(recipient))
                    .as(recipient.toString())
                    .isInstanceOf(ReportsValidationException.class)
                    .hasMessageStartingWith(message));
        }
    }

    @Test
    void aTenantMayOnlyUseTheBucketsOnItsAllowlist() {
        try (S3DeliveryChannel channel = channel()) {
            Recipient own = s3("s3://finance-drop/reports", Map.of("connection", "drop"));
            Recipient shared = s3("s3://shared-drop", Map.of("connection", "drop"));
            channel.validateRecipient("acme", own);
            channel.validateRecipient("globex", shared);
            assertThatThrownBy(() -> channel.validateRecipient("globex", own))
                    .isInstanceOfSatisfying(
                            ReportsValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("recipients.destination"))
                    .hasMessage("recipients.destination: bucket 'finance-drop' is not on the allowlist of tenant"
                            + " 'globex', was 's3://finance-drop/reports'");
        }
    }

    @Test
    void aConnectionWhoseSecretsTheResolverDoesNotKnowIsRefusedUpFront() {
        try (S3DeliveryChannel channel = S3DeliveryChannel.builder()
                .connection(S3Connection.compatible("drop", S3.endpoint(), "drop.key-id", "drop.secret"))
                .allowBuckets("acme", "finance-drop")
                .build()) {
            assertThatThrownBy(() -> channel.validateRecipient("acme", s3("s3://finance-drop", Map.of())))
                    .hasMessage("recipients.options.connection: unknown connection 'default'; configured: [drop]");
            assertThatThrownBy(() ->
                            channel.validateRecipient("acme", s3("s3://finance-drop", Map.of("connection", "drop"))))
                    .hasMessage("recipients.options.connection: connection 'drop' needs secret 'drop.key-id', which"
                            + " the secret resolver does not know");
        }
    }

    @Test
    void deliversThroughTheEngineIntoTheRecipientsBucketAndOverwritesOnRetry() throws Exception {
        S3.createBucket("artifacts");
        S3.createBucket("finance-drop");
        S3.createBucket("bad-drop");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:s3-channel;DB_CLOSE_DELAY=-1");
        Actor alice = Actor.of("acme", "alice");
        try (S3ArtifactStore store = S3.store("artifacts").build();
                S3DeliveryChannel channel = channel()) {
            ScheduledReports.Builder builder = ScheduledReports.builder(h2)
                    .reportType(ReportTypes.fromMaps(
                            "regions",
                            List.of(Column.text("region"), Column.integer("orders")),
                            req -> Stream.of(
                                    Map.of("region", "north", "orders", 12L), Map.of("region", "south", "orders", 7L))))
                    .formatter(CsvFormatter.ofDefaults())
                    .channel(channel)
                    .artifactStore(store);
            try (ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-10T18:30:00Z"))) {
                ScheduleRequest.Builder request = ScheduleRequest.builder()
                        .name("Orders by region")
                        .reportType("regions")
                        .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Europe/Paris\"}")
                        .recipient(
                                new Recipient(null, "s3", "s3://finance-drop/reports", Map.of("connection", "drop")));
                assertThatThrownBy(() -> kit.reports()
                                .create(
                                        alice,
                                        request.recipient(new Recipient(
                                                        null,
                                                        "s3",
                                                        "s3://globex-private",
                                                        Map.of("connection", "drop")))
                                                .build()))
                        .isInstanceOfSatisfying(
                                ReportsValidationException.class,
                                e -> assertThat(e.field()).isEqualTo("recipients[1].destination"))
                        .hasMessageContaining("bucket 'globex-private' is not on the allowlist of tenant 'acme'");

                ScheduledReport s = kit.reports()
                        .create(
                                alice,
                                ScheduleRequest.builder()
                                        .name("Orders by region")
                                        .reportType("regions")
                                        .schedule("{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":"
                                                + "\"Europe/Paris\"}")
                                        .recipient(new Recipient(
                                                null, "s3", "s3://finance-drop/reports", Map.of("connection", "drop")))
                                        .recipient(
                                                new Recipient(null, "s3", "s3://bad-drop", Map.of("connection", "bad")))
                                        .build());
                kit.advanceTo(s.nextRunAt());

                Execution run =
                        kit.reports().execution(alice, latest(kit, alice, s).id());
                DeliveryRecord good = run.deliveries().stream()
                        .filter(d -> d.destination().equals("s3://finance-drop/reports"))
                        .findFirst()
                        .orElseThrow();
                DeliveryRecord bad = run.deliveries().stream()
                        .filter(d -> d.destination().equals("s3://bad-drop"))
                        .findFirst()
                        .orElseThrow();
                assertThat(good.status()).isEqualTo(DeliveryStatus.SENT);
                assertThat(bad.status()).isNotEqualTo(DeliveryStatus.SENT);
                assertThat(bad.errorCategory()).isEqualTo(ErrorCategory.CONFIGURATION);
                assertThat(bad.lastError()).doesNotContain("not-the-secret");

                String key = "reports/Orders_by_region/2026-02-11/orders-by-region-2026-02-11.csv";
                byte[] delivered = S3.admin()
                        .getObjectAsBytes(b -> b.bucket("finance-drop").key(key))
                        .asByteArray();
                try (ArtifactDownload download = kit.reports().openArtifact(alice, run.id());
                        InputStream in = download.stream()) {
                    assertThat(delivered).isEqualTo(in.readAllBytes());
                }
                assertThat(new String(delivered, java.nio.charset.StandardCharsets.UTF_8))
                        .contains("north,12");

                // the same delivery again (a retry after an unclear outcome) writes the same object
                Instant before = S3.admin()
                        .headObject(b -> b.bucket("finance-drop").key(key))
                        .lastModified();
                kit.advance(Duration.ofSeconds(2));
                channel.deliver(new io.scheduledreports.spi.Delivery(
                        good.id(),
                        good.idempotencyKey(),
                        "acme",
                        s.id(),
                        run.id(),
                        "Orders by region",
                        new Recipient(null, "s3", "s3://finance-drop/reports", Map.of("connection", "drop")),
                        null,
                        new BytesArtifact("orders-by-region-2026-02-11.csv", delivered),
                        Map.of(),
                        Map.of(),
                        java.util.Locale.ENGLISH,
                        java.time.ZoneId.of("Europe/Paris"),
                        run.scheduledFor(),
                        2));
                List<S3Object> objects =
                        S3.admin().listObjectsV2(b -> b.bucket("finance-drop")).contents();
                assertThat(objects).extracting(S3Object::key).containsExactly(key);
                assertThat(before).isNotNull();
            }
        }
    }

    @Test
    void aConnectionWithServerSideEncryptionSendsItsHeadersOnEveryWrite() throws Exception {
        S3.createBucket("sealed-drop");
        RecordingInterceptor recorder = new RecordingInterceptor();
        try (S3DeliveryChannel channel = S3DeliveryChannel.builder()
                .connection(new S3Connection(
                        "sealed",
                        "us-east-1",
                        S3.endpoint(),
                        true,
                        "drop.key-id",
                        "drop.secret",
                        Encryption.kms("arn:aws:kms:eu-central-1:111122223333:key/drop")))
                .connection(new S3Connection(
                        "sse-s3",
                        "us-east-1",
                        S3.endpoint(),
                        true,
                        "drop.key-id",
                        "drop.secret",
                        Encryption.s3Managed()))
                .secrets(SECRETS)
                .allowBuckets("acme", "sealed-drop")
                .clientCustomizer(recorder::installOn)
                .build()) {
            for (String connection : List.of("sealed", "sse-s3")) {
                try {
                    channel.deliver(delivery(
                            new Recipient(
                                    null, "s3", "s3://sealed-drop/" + connection, Map.of("connection", connection)),
                            new BytesArtifact("orders.csv", "region,orders\nnorth,12\n".getBytes())));
                } catch (java.io.IOException refused) {
                    // S3Proxy may refuse SSE headers it cannot honour; what was sent is what this test checks
                }
            }
        }
        List<RecordingInterceptor.Sent> puts = recorder.sent.stream()
                .filter(sent -> sent.operation().equals("PutObject"))
                .toList();
        assertThat(puts)
                .extracting(sent -> sent.header("x-amz-server-side-encryption"))
                .contains("aws:kms", "AES256")
                .doesNotContainNull();
        assertThat(puts)
                .filteredOn(sent -> "aws:kms".equals(sent.header("x-amz-server-side-encryption")))
                .allSatisfy(sent -> assertThat(sent.header("x-amz-server-side-encryption-aws-kms-key-id"))
                        .isEqualTo("arn:aws:kms:eu-central-1:111122223333:key/drop"));
        assertThat(puts)
                .filteredOn(sent -> "AES256".equals(sent.header("x-amz-server-side-encryption")))
                .allSatisfy(sent -> assertThat(sent.header("x-amz-server-side-encryption-aws-kms-key-id"))
                        .isNull());
    }

    private static io.scheduledreports.spi.Delivery delivery(Recipient recipient, BytesArtifact artifact) {
        return new io.scheduledreports.spi.Delivery(
                "d-" + recipient.destination().hashCode(),
                "idem-" + recipient.destination().hashCode(),
                "acme",
                "s1",
                "e1",
                "Orders",
                recipient,
                null,
                artifact,
                Map.of(),
                Map.of(),
                java.util.Locale.ENGLISH,
                java.time.ZoneId.of("Europe/Paris"),
                Instant.parse("2026-02-11T08:00:00Z"),
                1);
    }

    private static Execution latest(ReportsTestKit kit, Actor actor, ScheduledReport s) {
        return kit.reports()
                .executions(actor, s.id(), PageRequest.first())
                .items()
                .get(0);
    }

    /** An artifact held in memory. */
    record BytesArtifact(String fileName, byte[] bytes) implements io.scheduledreports.spi.Artifact {
        @Override
        public String mediaType() {
            return "text/csv";
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public String sha256() {
            return "";
        }

        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public java.util.Optional<java.net.URI> downloadLink() {
            return java.util.Optional.empty();
        }
    }
}
