package io.scheduledreports.core.internal;

import io.scheduledreports.core.backup.BackupException;
import io.scheduledreports.core.backup.BackupException.Reason;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of backup archives: AES-256-GCM in segments of {@value #SEGMENT} bytes, so that neither writing
 * nor reading holds an archive in memory (the JDK's GCM buffers a whole message before it checks the tag).
 *
 * <pre>
 * header  = "SRBACKUP" | format version (1 byte) | salt (16 bytes) | key check (16 bytes)
 * segment = final flag (1 byte) | ciphertext length (4 bytes) | AES-GCM(plaintext), tag included
 * </pre>
 *
 * Each archive has its own AES key, HMAC-SHA256(configured key, label | salt), so nonces never repeat across
 * archives; the nonce is the segment number and the final flag (as in the STREAM construction), and the header is
 * the additional authenticated data of every segment. Reordered, dropped, truncated or appended segments therefore
 * fail, as does any changed byte. The key check (HMAC of the derived key) tells a wrong key from a damaged archive.
 */
final class BackupCipher {

    static final byte[] MAGIC = "SRBACKUP".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int SEGMENT = 1 << 20;
    private static final int TAG_BITS = 128;
    private static final int HEADER = MAGIC.length + 1 + 16 + 16;
    private static final byte[] LABEL = "scheduled-reports backup v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupCipher() {}

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] keyCheck(byte[] archiveKey) {
        return Arrays.copyOf(hmac(archiveKey, "key-check".getBytes(StandardCharsets.US_ASCII)), 16);
    }

    private static byte[] nonce(long segment, boolean last) {
        return ByteBuffer.allocate(12).putLong(segment).putInt(last ? 1 : 0).array();
    }

    /** Encrypts what is written to it into {@code out}; {@link #close()} writes the final segment. */
    static OutputStream encrypt(OutputStream out, byte[] masterKey) throws IOException {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] key = hmac(masterKey, LABEL, salt);
        byte[] header = ByteBuffer.allocate(HEADER)
                .put(MAGIC)
                .put((byte) FORMAT_VERSION)
                .put(salt)
                .put(keyCheck(key))
                .array();
        out.write(header);
        return new EncryptingStream(out, new SecretKeySpec(key, "AES"), header);
    }

    /**
     * Decrypts an archive.
     *
     * @throws BackupException NOT_AN_ARCHIVE, TOO_NEW or WRONG_KEY from the header here; DAMAGED from reads
     */
    static InputStream decrypt(InputStream in, byte[] masterKey) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[HEADER];
        try {
            data.readFully(header);
        } catch (EOFException e) {
            throw new BackupException(
                    Reason.NOT_AN_ARCHIVE, "archive: not a Scheduled Reports backup (shorter than its header)");
        }
        if (!Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new BackupException(
                    Reason.NOT_AN_ARCHIVE, "archive: not a Scheduled Reports backup (it does not start with SRBACKUP)");
        }
        int version = header[MAGIC.length] & 0xff;
        if (version != FORMAT_VERSION) {
            throw new BackupException(
                    Reason.TOO_NEW,
                    "archive: format version " + version + ", this library reads version " + FORMAT_VERSION
                            + "; restore with the library version that wrote it or a newer one");
        }
        byte[] salt = Arrays.copyOfRange(header, MAGIC.length + 1, MAGIC.length + 17);
        byte[] check = Arrays.copyOfRange(header, MAGIC.length + 17, HEADER);
        byte[] key = hmac(masterKey, LABEL, salt);
        if (!MessageDigest.isEqual(check, keyCheck(key))) {
            throw new BackupException(
                    Reason.WRONG_KEY,
                    "key: does not open this archive; use the backup key (scheduled-reports.backup.key) that was"
                            + " configured when the archive was written");
        }
        return new DecryptingStream(data, new SecretKeySpec(key, "AES"), header);
    }

    private static final class EncryptingStream extends OutputStream {
        private final OutputStream out;
        private final SecretKeySpec key;
        private final byte[] aad;
        private final byte[] buffer = new byte[SEGMENT];
        private int filled;
        private long segment;
        private boolean closed;

        EncryptingStream(OutputStream out, SecretKeySpec key, byte[] aad) {
            this.out = out;
            this.key = key;
            this.aad = aad;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == buffer.length) {
                    seal(false); // only when more follows: the last segment is sealed by close()
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(segment++, last)));
                cipher.updateAAD(aad);
                byte[] sealed = cipher.doFinal(buffer, 0, filled);
                out.write(last ? 1 : 0);
                out.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
                out.write(sealed);
                filled = 0;
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM encryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            seal(true);
            out.flush();
        }
    }

    private static final class DecryptingStream extends InputStream {
        private final DataInputStream in;
        private final SecretKeySpec key;
        private final byte[] aad;
        private byte[] plain = new byte[0];
        private int pos;
        private long segment;
        private boolean last;

        DecryptingStream(DataInputStream in, SecretKeySpec key, byte[] aad) {
            this.in = in;
            this.key = key;
            this.aad = aad;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == plain.length) {
                if (last) {
                    return -1;
                }
                next();
            }
            int n = Math.min(len, plain.length - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }

        private void next() throws IOException {
            int flag;
            int length;
            byte[] sealed;
            try {
                flag = in.readUnsignedByte();
                length = in.readInt();
                if (flag > 1 || length < TAG_BITS / 8 || length > SEGMENT + TAG_BITS / 8) {
                    throw damaged("segment " + segment + " has a malformed frame");
                }
                sealed = new byte[length];
                in.readFully(sealed);
            } catch (EOFException e) {
                throw damaged("it ends inside segment " + segment + " (truncated)");
            }
            boolean isLast = flag == 1;
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(segment, isLast)));
                cipher.updateAAD(aad);
                plain = cipher.doFinal(sealed);
                pos = 0;
            } catch (AEADBadTagException e) {
                throw damaged("segment " + segment + " fails authentication (altered or out of order)");
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM decryption failed: " + e.getMessage(), e);
            }
            segment++;
            if (isLast) {
                last = true;
                if (in.read() != -1) {
                    throw damaged("bytes follow its final segment");
                }
            }
        }

        private static BackupException damaged(String what) {
            return new BackupException(
                    Reason.DAMAGED,
                    "archive: damaged or tampered with: " + what + "; nothing was restored from it, use another"
                            + " archive");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
