package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.delivery.email.EmailSettings;
import jakarta.mail.Session;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;

/** Turns {@link EmailSettings} into a Jakarta Mail {@link Session} for the {@code smtp} protocol. */
public final class SmtpSessions {

    private SmtpSessions() {}

    /**
     * A session for the settings.
     *
     * @param settings the channel's settings
     * @param writeTimeouts shared scheduler for write timeouts; without it Angus starts a thread per
     *     connection
     */
    public static Session create(EmailSettings settings, ScheduledExecutorService writeTimeouts) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty(
                "mail.smtp.connectiontimeout", millis(settings.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", millis(settings.readTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", millis(settings.writeTimeout().toMillis()));
        p.put("mail.smtp.executor.writetimeout", writeTimeouts);
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
        p.setProperty("mail.smtp.from", settings.from());
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        switch (settings.security()) {
            case NONE -> {}
            case STARTTLS_OPTIONAL -> p.setProperty("mail.smtp.starttls.enable", "true");
            case STARTTLS_REQUIRED -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case SMTPS -> p.setProperty("mail.smtp.ssl.enable", "true");
        }
        settings.sessionProperties().forEach(p::setProperty);
        return Session.getInstance(p);
    }

    private static String millis(long millis) {
        return Long.toString(Math.min(millis, Integer.MAX_VALUE));
    }
}
