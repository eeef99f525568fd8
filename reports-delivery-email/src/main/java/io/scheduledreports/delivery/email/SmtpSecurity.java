package io.scheduledreports.delivery.email;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
    /** Plain text; only for a relay on the same host or a trusted network. */
    NONE,
    /** Upgrade with STARTTLS when the server offers it, plain text otherwise. */
    STARTTLS_OPTIONAL,
    /** Upgrade with STARTTLS, and refuse to send (CONFIGURATION failure) when the server does not offer it. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte ("implicit TLS", usually port 465). */
    SMTPS
}
