package io.scheduledreports.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Test access to an archive's plain content, to make archives that decrypt fine but whose content is wrong. */
public final class ArchiveSurgery {
    private ArchiveSurgery() {}

    /** Decrypts, edits the JSON-lines text, encrypts again under the same key. */
    public static byte[] rewrite(byte[] archive, byte[] key, UnaryOperator<String> edit) throws IOException {
        String plain;
        try (GZIPInputStream in = new GZIPInputStream(BackupCipher.decrypt(new ByteArrayInputStream(archive), key))) {
            plain = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(BackupCipher.encrypt(out, key))) {
            gz.write(edit.apply(plain).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
