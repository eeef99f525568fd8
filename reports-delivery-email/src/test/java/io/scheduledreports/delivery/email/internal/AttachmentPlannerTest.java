package io.scheduledreports.delivery.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.Artifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttachmentPlannerTest {

    private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");
    private static final URI LINK = URI.create("https://reports.example.com/d?token=t");

    @Test
    void attachesUpToAndIncludingTheLimit() throws Exception {
        AttachmentPlan plan = new AttachmentPlanner(100, false).plan(artifact("a.csv", "text/csv", 100, null), AT);

        assertThat(plan).isInstanceOfSatisfying(AttachmentPlan.Attach.class, a -> {
            assertThat(a.fileName()).isEqualTo("a.csv");
            assertThat(a.zipped()).isFalse();
            assertThat(a.size()).isEqualTo(100);
        });
    }

    @Test
    void linksOverTheLimitOrRefusesWithoutALink() throws Exception {
        AttachmentPlanner planner = new AttachmentPlanner(100, false);

        assertThat(planner.plan(artifact("a.csv", "text/csv", 101, LINK), AT))
                .isEqualTo(new AttachmentPlan.Link(LINK, 101, 100, false));
        assertThat(planner.plan(artifact("a.csv", "text/csv", 101, null), AT))
                .isInstanceOfSatisfying(
                        AttachmentPlan.Refuse.class,
                        r -> assertThat(r.message()).contains("configure a download base URL"));
    }

    @Test
    void aLimitOfZeroAlwaysLinks() throws Exception {
        assertThat(new AttachmentPlanner(0, true).plan(artifact("a.csv", "text/csv", 1, LINK), AT))
                .isEqualTo(new AttachmentPlan.Link(LINK, 1, 0, false));
    }

    @Test
    void zipsIntoATemporaryFileThatClosingDeletes() throws Exception {
        AttachmentPlan plan = new AttachmentPlanner(1000, true).plan(artifact("a.csv", "text/csv", 5000, LINK), AT);

        assertThat(plan).isInstanceOf(AttachmentPlan.Attach.class);
        AttachmentPlan.Attach attach = (AttachmentPlan.Attach) plan;
        assertThat(attach.zipped()).isTrue();
        assertThat(attach.fileName()).isEqualTo("a.csv.zip");
        assertThat(attach.originalSize()).isEqualTo(5000);
        assertThat(Files.size(attach.tempFile())).isEqualTo(attach.size()).isLessThan(1000);
        plan.close();
        assertThat(attach.tempFile()).doesNotExist();
    }

    @Test
    void zipsTheSameBytesOnEveryAttempt() throws Exception {
        AttachmentPlanner planner = new AttachmentPlanner(1000, true);
        byte[] first;
        byte[] second;
        try (AttachmentPlan plan = planner.plan(artifact("a.csv", "text/csv", 5000, null), AT)) {
            first = Files.readAllBytes(((AttachmentPlan.Attach) plan).tempFile());
        }
        try (AttachmentPlan plan = planner.plan(artifact("a.csv", "text/csv", 5000, null), AT)) {
            second = Files.readAllBytes(((AttachmentPlan.Attach) plan).tempFile());
        }

        assertThat(second).isEqualTo(first);
    }

    @Test
    void doesNotZipWhatIsCompressedAlready() throws Exception {
        AttachmentPlanner planner = new AttachmentPlanner(100, true);
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

        assertThat(planner.plan(artifact("a.xlsx", xlsx, 100, null), AT))
                .isInstanceOfSatisfying(
                        AttachmentPlan.Attach.class, a -> assertThat(a.zipped()).isFalse());
        assertThat(planner.plan(artifact("a.csv.gz", "application/gzip", 101, LINK), AT))
                .isEqualTo(new AttachmentPlan.Link(LINK, 101, 100, false));
    }

    @Test
    void anUnreadableFileIsAnArtifactReadFailure() {
        Artifact broken = new BytesArtifact("a.csv", "text/csv", new byte[10], null) {
            @Override
            public InputStream open() throws IOException {
                throw new IOException("store unavailable");
            }
        };

        assertThatThrownBy(() -> new AttachmentPlanner(100, true).plan(broken, AT))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessage("cannot open report file 'a.csv': store unavailable");
    }

    @Test
    void makesFileNamesSafeForHeaders() {
        assertThat(AttachmentPlanner.safeFileName("../etc/passwd\r\n")).isEqualTo(".._etc_passwd");
        assertThat(AttachmentPlanner.safeFileName("a\\b.csv")).isEqualTo("a_b.csv");
        assertThat(AttachmentPlanner.safeFileName("\n")).isEqualTo("report");
        assertThat(AttachmentPlanner.safeFileName("Umsätze März.csv")).isEqualTo("Umsätze März.csv");
    }

    private static Artifact artifact(String name, String type, int size, URI link) {
        byte[] bytes =
                "id,value\n1,2\n".repeat(size / 13 + 1).substring(0, size).getBytes(StandardCharsets.US_ASCII);
        return new BytesArtifact(name, type, bytes, link);
    }

    private static class BytesArtifact implements Artifact {
        private final String name;
        private final String type;
        private final byte[] bytes;
        private final URI link;

        BytesArtifact(String name, String type, byte[] bytes, URI link) {
            this.name = name;
            this.type = type;
            this.bytes = bytes;
            this.link = link;
        }

        @Override
        public String fileName() {
            return name;
        }

        @Override
        public String mediaType() {
            return type;
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
        public InputStream open() throws IOException {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public Optional<URI> downloadLink() {
            return Optional.ofNullable(link);
        }
    }
}
