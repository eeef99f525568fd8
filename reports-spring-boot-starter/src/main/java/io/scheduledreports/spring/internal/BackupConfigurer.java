package io.scheduledreports.spring.internal;

import static io.scheduledreports.spring.internal.PropertyApplier.get;

import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.backup.BackupSettings;
import io.scheduledreports.spring.ScheduledReportsBackupProperties;
import io.scheduledreports.spring.ScheduledReportsBuilderCustomizer;
import org.springframework.core.Ordered;

/** Applies {@code scheduled-reports.backup.*} to the builder, naming the property in every refusal. */
public final class BackupConfigurer implements ScheduledReportsBuilderCustomizer, Ordered {

    private static final String PREFIX = "scheduled-reports.backup.";

    private final ScheduledReportsBackupProperties properties;

    /** Creates the configurer. */
    public BackupConfigurer(ScheduledReportsBackupProperties properties) {
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public void customize(ScheduledReports.Builder builder) {
        String key = properties.getKey();
        if (key == null || key.isBlank()) {
            if (properties.isEnabled()) {
                throw new InvalidPropertyException(
                        PREFIX + "key",
                        "must be set when " + PREFIX + "enabled=true: 32 random bytes in Base64 (e.g. openssl rand"
                                + " -base64 32)",
                        null);
            }
            return;
        }
        BackupSettings settings = get(PREFIX + "key", () -> BackupSettings.withKey(key));
        BackupSettings withKey = settings;
        settings = get(PREFIX + "retention", () -> withKey.retention(properties.getRetention()));
        if (properties.isEnabled()) {
            settings = settings.daily(properties.getTime());
        }
        builder.backup(settings);
    }
}
