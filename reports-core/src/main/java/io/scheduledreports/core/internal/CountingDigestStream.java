package io.scheduledreports.core.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and hashes (SHA-256) what passes through; does not close the target. */
final class CountingDigestStream extends FilterOutputStream {
    private final MessageDigest digest;
    private long count;

    CountingDigestStream(OutputStream target) {
        super(target);
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    long count() {
        return count;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
