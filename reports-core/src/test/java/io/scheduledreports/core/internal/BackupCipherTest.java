package io.scheduledreports.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.backup.BackupException;
import io.scheduledreports.core.backup.BackupException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The segmented AES-GCM framing of archives: round trips at segment edges, and every kind of tampering fails. */
class BackupCipherTest {

    static final int HEADER = 8 + 1 + 16 + 16;
    static final int FRAME = 1 + 4 + BackupCipher.SEGMENT + 16;

    final byte[] key = bytes(32, 1);
    final byte[] otherKey = bytes(32, 2);

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] encrypt(byte[] plain, byte[] key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = BackupCipher.encrypt(out, key)) {
            // odd-sized writes cross segment boundaries
            for (int off = 0; off < plain.length; off += 77_777) {
                enc.write(plain, off, Math.min(77_777, plain.length - off));
            }
        }
        return out.toByteArray();
    }

    static byte[] decrypt(byte[] archive, byte[] key) throws IOException {
        try (InputStream in = BackupCipher.decrypt(new ByteArrayInputStream(archive), key)) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsEmptyExactlyOneSegmentAndSeveralSegments() throws IOException {
        for (int size :
                new int[] {0, 1, BackupCipher.SEGMENT, BackupCipher.SEGMENT + 1, 3 * BackupCipher.SEGMENT + 12345}) {
            byte[] plain = bytes(size, size);
            byte[] archive = encrypt(plain, key);
            assertThat(decrypt(archive, key)).as("size %d", size).isEqualTo(plain);
        }
    }

    @Test
    void twoArchivesOfTheSameContentDifferEntirely() throws IOException {
        byte[] plain = bytes(1000, 7);
        byte[] a = encrypt(plain, key);
        byte[] b = encrypt(plain, key);
        assertThat(Arrays.copyOfRange(a, HEADER, a.length)).isNotEqualTo(Arrays.copyOfRange(b, HEADER, b.length));
    }

    @Test
    void aWrongKeyIsToldApartFromDamage() throws IOException {
        byte[] archive = encrypt(bytes(5000, 3), key);
        assertThatThrownBy(() -> decrypt(archive, otherKey))
                .isInstanceOfSatisfying(
                        BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY))
                .hasMessageContaining("key: does not open this archive");
    }

    @Test
    void aChangedByteInAnySegmentFails() throws IOException {
        byte[] archive = encrypt(bytes(2 * BackupCipher.SEGMENT + 100, 4), key);
        for (int at : new int[] {HEADER + 10, HEADER + FRAME + 500_000, archive.length - 1}) {
            byte[] bad = archive.clone();
            bad[at] ^= 0x01;
            assertDamaged(bad, "fails authentication");
        }
    }

    @Test
    void aChangedHeaderSaltFailsAsWrongKeyAndAChangedVersionIsRefused() throws IOException {
        byte[] archive = encrypt(bytes(100, 5), key);
        byte[] salt = archive.clone();
        salt[10] ^= 0x01;
        assertThatThrownBy(() -> decrypt(salt, key))
                .isInstanceOfSatisfying(
                        BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY));
        byte[] version = archive.clone();
        version[8] = 9;
        assertThatThrownBy(() -> decrypt(version, key))
                .isInstanceOfSatisfying(
                        BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_NEW));
    }

    @Test
    void reorderedTruncatedOrExtendedArchivesFail() throws IOException {
        byte[] archive = encrypt(bytes(2 * BackupCipher.SEGMENT + 100, 6), key);
        byte[] swapped = archive.clone();
        System.arraycopy(archive, HEADER, swapped, HEADER + FRAME, FRAME);
        System.arraycopy(archive, HEADER + FRAME, swapped, HEADER, FRAME);
        assertDamaged(swapped, "segment 0 fails authentication");

        assertDamaged(Arrays.copyOf(archive, HEADER + 2 * FRAME), "truncated");
        assertDamaged(Arrays.copyOf(archive, archive.length - 3), "truncated");

        byte[] longer = Arrays.copyOf(archive, archive.length + 1);
        assertDamaged(longer, "bytes follow its final segment");

        byte[] earlyEnd = Arrays.copyOf(archive, HEADER + FRAME);
        earlyEnd[HEADER] = 1; // claims the first segment is the last
        assertDamaged(earlyEnd, "segment 0 fails authentication");
    }

    @Test
    void somethingElseIsNotAnArchive() {
        assertThatThrownBy(() -> decrypt("PK\u0003\u0004 a zip file, not ours........................".getBytes(), key))
                .isInstanceOfSatisfying(
                        BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AN_ARCHIVE));
        assertThatThrownBy(() -> decrypt(new byte[3], key))
                .isInstanceOfSatisfying(
                        BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AN_ARCHIVE));
    }

    private void assertDamaged(byte[] archive, String detail) {
        assertThatThrownBy(() -> decrypt(archive, key))
                .isInstanceOfSatisfying(
                        BackupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED))
                .hasMessageContaining(detail);
    }
}
