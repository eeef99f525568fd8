package io.scheduledreports.core.backup;

import io.scheduledreports.spi.ReportsValidationException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Base64;

/**
 * How the library backs up its tables: the AES-256 key archives are encrypted with, whether a daily backup runs
 * (off by default; one instance per cluster runs it) and at what UTC time, and how long archives are kept.
 *
 * <p>The key is configuration only: it is never written to a table, an archive, a log or {@link #toString()}. Lose
 * it and the archives cannot be read. Create one with {@code openssl rand -base64 32}.
 *
 * <pre>{@code
 * builder.backup(BackupSettings.withKey(System.getenv("REPORTS_BACKUP_KEY"))
 *         .daily(LocalTime.of(2, 30))
 *         .retention(Duration.ofDays(30)));
 * }</pre>
 */
public final class BackupSettings {

    /** Default time of the daily backup, UTC. */
    public static final LocalTime DEFAULT_TIME = LocalTime.of(2, 30);

    /** Default time archives are kept. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    private final byte[] key;
    private final boolean daily;
    private final LocalTime time;
    private final Duration retention;

    private BackupSettings(byte[] key, boolean daily, LocalTime time, Duration retention) {
        this.key = key;
        this.daily = daily;
        this.time = time;
        this.retention = retention;
    }

    /**
     * Settings with a key, no daily backup and the default retention.
     *
     * @param base64Key 32 random bytes in Base64 (standard or URL-safe alphabet)
     * @return the settings
     * @throws ReportsValidationException naming {@code backup.key} when the key is missing, not Base64 or not 32
     *     bytes (the message never contains the key)
     */
    public static BackupSettings withKey(String base64Key) {
        return new BackupSettings(decodeKey(base64Key), false, DEFAULT_TIME, DEFAULT_RETENTION);
    }

    /**
     * Decodes and checks a backup key.
     *
     * @param base64Key 32 random bytes in Base64
     * @return the 32 bytes
     * @throws ReportsValidationException naming {@code backup.key}; the message never contains the key
     */
    public static byte[] decodeKey(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new ReportsValidationException(
                    "backup.key", "must be 32 random bytes in Base64 (e.g. openssl rand -base64 32), was empty");
        }
        byte[] bytes;
        String k = base64Key.strip();
        try {
            bytes = k.contains("-") || k.contains("_")
                    ? Base64.getUrlDecoder().decode(k)
                    : Base64.getDecoder().decode(k);
        } catch (IllegalArgumentException e) {
            throw new ReportsValidationException(
                    "backup.key", "must be 32 random bytes in Base64 (e.g. openssl rand -base64 32), was not Base64");
        }
        if (bytes.length != 32) {
            throw new ReportsValidationException(
                    "backup.key",
                    "must be 32 random bytes in Base64 (e.g. openssl rand -base64 32), was " + bytes.length + " bytes");
        }
        return bytes;
    }

    /**
     * Turns the daily backup on, at {@code utcTime} every day.
     *
     * @param utcTime time of day, UTC
     * @return new settings
     */
    public BackupSettings daily(LocalTime utcTime) {
        if (utcTime == null) {
            throw new ReportsValidationException("backup.time", "must be a time of day (UTC), was null");
        }
        return new BackupSettings(key, true, utcTime, retention);
    }

    /**
     * How long archives are kept (default 30 days); older ones are deleted after each successful backup, except
     * the newest verified archive, which is always kept.
     *
     * @param value at least one day
     * @return new settings
     * @throws ReportsValidationException naming {@code backup.retention}
     */
    public BackupSettings retention(Duration value) {
        if (value == null || value.compareTo(Duration.ofDays(1)) < 0) {
            throw new ReportsValidationException("backup.retention", "must be at least 1 day, was " + value);
        }
        return new BackupSettings(key, daily, time, value);
    }

    /** Whether the daily backup runs. */
    public boolean isDaily() {
        return daily;
    }

    /** Time of the daily backup, UTC. */
    public LocalTime time() {
        return time;
    }

    /** How long archives are kept. */
    public Duration retention() {
        return retention;
    }

    /** The key bytes (a copy). */
    public byte[] key() {
        return key.clone();
    }

    /** The settings without the key. */
    @Override
    public String toString() {
        return "BackupSettings[daily=" + daily + ", time=" + time + ", retention=" + retention + ", key=(hidden)]";
    }
}
