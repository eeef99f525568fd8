package io.scheduledreports.delivery.email;

import io.scheduledreports.delivery.email.internal.Quoted;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.Locale;
import java.util.Map;

/**
 * Where an e-mail recipient appears, chosen with the recipient option {@value #OPTION}. Every recipient gets
 * its own copy (and its own retries); the headers show the schedule's To and Cc recipients, never the Bcc ones.
 */
public enum RecipientType {
    /** Listed in the {@code To} header (the default). */
    TO,
    /** Listed in the {@code Cc} header. */
    CC,
    /** Receives a copy but appears in no header. */
    BCC;

    /** Name of the recipient option that selects the type. */
    public static final String OPTION = "type";

    /** The option value, e.g. {@code "cc"}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A recipient of the {@code email} channel with this type. */
    public Recipient recipient(String address) {
        return new Recipient(null, EmailChannel.ID, address, Map.of(OPTION, optionValue()));
    }

    /**
     * The type a recipient asked for; {@link #TO} when it names none.
     *
     * @throws ReportsValidationException naming {@code recipients.options.type} when
     *     the value is not {@code to}, {@code cc} or {@code bcc}
     */
    public static RecipientType of(Recipient recipient) {
        String value = recipient.option(OPTION, null);
        if (value == null) {
            return TO;
        }
        for (RecipientType type : values()) {
            if (type.optionValue().equals(value)) {
                return type;
            }
        }
        throw new ReportsValidationException(
                "recipients.options." + OPTION, "must be one of to, cc, bcc, was " + Quoted.of(value));
    }
}
