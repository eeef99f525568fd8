package io.scheduledreports.delivery.sftp;

import io.scheduledreports.spi.Artifact;
import io.scheduledreports.spi.Delivery;
import io.scheduledreports.spi.Recipient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

final class TestDeliveries {
    private TestDeliveries() {}

    static Artifact artifact(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new Artifact() {
            @Override
            public String fileName() {
                return name;
            }

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
                try {
                    return HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(bytes));
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
                return Optional.empty();
            }
        };
    }

    static Delivery delivery(String destination, String executionId, Artifact artifact, int attempt) {
        Recipient recipient = new Recipient("r1", SftpChannel.ID, destination, Map.of());
        return new Delivery(
                "d-" + executionId,
                "key-" + executionId,
                "tenant-a",
                "s1",
                executionId,
                "Weekly sales",
                recipient,
                null,
                artifact,
                Map.of(),
                Map.of(),
                Locale.UK,
                ZoneOffset.UTC,
                Instant.parse("2026-02-16T06:00:00Z"),
                attempt);
    }
}
