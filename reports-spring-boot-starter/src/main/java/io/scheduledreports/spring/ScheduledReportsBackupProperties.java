package io.scheduledreports.spring;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Backups of the library's tables into the artifact store: {@code scheduled-reports.backup.*}. */
@ConfigurationProperties("scheduled-reports.backup")
public class ScheduledReportsBackupProperties {

    /** Whether a daily backup runs (one instance of the cluster runs it); needs the key. */
    private boolean enabled = false;

    /**
     * AES-256 key archives are encrypted with: 32 random bytes in Base64 ({@code openssl rand -base64 32}). Give it
     * from a secret store or the environment; it is never logged or stored. Without it, backups are off.
     */
    private String key;

    /** Time of day (UTC) of the daily backup. */
    private LocalTime time = LocalTime.of(2, 30);

    /** How long archives are kept; the newest verified archive is always kept. */
    private Duration retention = Duration.ofDays(30);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getKey() {
        return this.key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public LocalTime getTime() {
        return this.time;
    }

    public void setTime(LocalTime time) {
        this.time = time;
    }

    public Duration getRetention() {
        return this.retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }
}
