package io.scheduledreports.core.recipients;

import io.scheduledreports.spi.ReportsValidationException;

/**
 * The person a GDPR export or erasure is about: a user of the host (by user id: the schedules they own, the audit
 * entries they made) or a recipient (by e-mail address: the recipient lists they are on, the deliveries to them).
 *
 * @param kind user or e-mail address
 * @param value the user id or the address
 */
public record DataSubject(Kind kind, String value) {

    /** What identifies the person. */
    public enum Kind {
        /** A host user id (schedule owner, audit actor). */
        USER,
        /** An e-mail address (recipient). */
        EMAIL
    }

    /**
     * Checks the values.
     *
     * @throws ReportsValidationException naming {@code user_id} or {@code email}
     */
    public DataSubject {
        if (kind == null) {
            throw new ReportsValidationException("kind", "must be USER or EMAIL");
        }
        String field = kind == Kind.USER ? "user_id" : "email";
        if (value == null || value.isBlank()) {
            throw new ReportsValidationException(field, "must not be blank");
        }
        value = value.strip();
        if (value.length() > (kind == Kind.USER ? 128 : 512)) {
            throw new ReportsValidationException(
                    field, "must be at most " + (kind == Kind.USER ? 128 : 512) + " characters, was " + value.length());
        }
        if (kind == Kind.EMAIL && value.indexOf('@') < 1) {
            throw new ReportsValidationException(field, "must be an e-mail address like name@example.com");
        }
    }

    /** A host user. */
    public static DataSubject user(String userId) {
        return new DataSubject(Kind.USER, userId);
    }

    /** A recipient's e-mail address. */
    public static DataSubject email(String address) {
        return new DataSubject(Kind.EMAIL, address);
    }

    /** {@code user} or {@code email}. */
    public String kindName() {
        return kind == Kind.USER ? "user" : "email";
    }
}
