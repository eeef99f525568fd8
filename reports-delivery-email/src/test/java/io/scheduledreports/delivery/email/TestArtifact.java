package io.scheduledreports.delivery.email;

import io.scheduledreports.spi.Artifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

/** An in-memory artifact, optionally with a download link. */
class TestArtifact implements Artifact {
    private final String fileName;
    private final String mediaType;
    private final byte[] bytes;
    private final URI link;

    TestArtifact(String fileName, String mediaType, byte[] bytes, URI link) {
        this.fileName = fileName;
        this.mediaType = mediaType;
        this.bytes = bytes.clone();
        this.link = link;
    }

    static TestArtifact csv(String fileName, String content) {
        return new TestArtifact(fileName, "text/csv", content.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Random bytes: incompressible. */
    static TestArtifact random(String fileName, String mediaType, int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return new TestArtifact(fileName, mediaType, bytes, null);
    }

    /** A CSV of about {@code size} bytes that compresses well. */
    static TestArtifact compressibleCsv(String fileName, int size) {
        StringBuilder csv = new StringBuilder("id,region,amount\r\n");
        for (int i = 0; csv.length() < size; i++) {
            csv.append(i).append(",EU-WEST,").append(i % 1000).append(".50\r\n");
        }
        return csv(fileName, csv.toString());
    }

    TestArtifact withLink(URI newLink) {
        return new TestArtifact(fileName, mediaType, bytes, newLink);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public String mediaType() {
        return mediaType;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
