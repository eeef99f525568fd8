package io.scheduledreports.delivery.slack;

import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.Recipient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An in-memory artifact, and deliveries of it. */
record TestArtifact(String fileName, String mediaType, byte[] bytes, URI link) implements Artifact {

    static TestArtifact csv(String content) {
        return new TestArtifact(
                "weekly-sales-2026-03-02.csv",
                "text/csv",
                content.getBytes(StandardCharsets.UTF_8),
                URI.create("https://reports.example.com/dl?token=abc"));
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public Optional<URI> downloadLink() {
        return Optional.ofNullable(link);
    }

    Delivery to(String channelId, Map<String, String> options, int attempt) {
        Recipient r = new Recipient("rcp-1", "slack", channelId, options);
        return new Delivery(
                "dlv-1",
                "exec-1:rcp-1",
                "acme",
                "sch-1",
                "exec-1",
                "Weekly sales",
                r,
                null,
                this,
                Map.of(
                        "row_count_raw",
                        "1234",
                        "row_count",
                        "1,234",
                        "scheduled_for",
                        "Mar 2, 2026, 9:00 AM",
                        "file_size",
                        "20 B",
                        "download_expires_at",
                        "Mar 9, 2026, 9:00 AM"),
                Map.of(),
                Locale.US,
                ZoneId.of("Europe/Berlin"),
                Instant.parse("2026-03-02T08:00:00Z"),
                attempt);
    }
}
