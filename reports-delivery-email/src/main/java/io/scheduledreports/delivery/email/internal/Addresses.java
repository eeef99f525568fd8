package io.scheduledreports.delivery.email.internal;

import io.scheduledreports.spi.ReportsValidationException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;

/**
 * Strict checks of one e-mail address: RFC 5322 as Jakarta Mail parses it in strict mode, plus what a
 * deliverable Internet address needs (a plain {@code local@domain}, no display name, an ASCII host name with a
 * dot). Refused are: several addresses, groups, control characters anywhere (header injection), domain
 * literals, dotless or numeric top-level domains.
 */
public final class Addresses {

    /** Longest address accepted (RFC 5321 path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;

    private static final int MAX_LOCAL_PART = 64;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private Addresses() {}

    /**
     * Parses and checks one address.
     *
     * @param field the name to use in the error, e.g. {@code recipients.destination}
     * @param value the address as given
     * @return the parsed address
     * @throws ReportsValidationException naming {@code field}, the rule and the (escaped) value
     */
    public static InternetAddress requireValid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ReportsValidationException(field, "must not be blank");
        }
        Quoted.requireNoControlCharacters(field, value);
        if (value.codePoints().anyMatch(cp -> Character.getType(cp) == Character.FORMAT)) {
            throw new ReportsValidationException(
                    field, "must not contain invisible formatting characters, was " + Quoted.of(value));
        }
        if (value.length() > MAX_LENGTH) {
            throw new ReportsValidationException(
                    field, "must be at most " + MAX_LENGTH + " characters, was " + value.length());
        }
        if (!value.chars().allMatch(c -> c < 0x80)) {
            throw new ReportsValidationException(
                    field, "must be ASCII; write an international domain in its xn-- form, was " + Quoted.of(value));
        }
        if (!value.equals(value.strip())) {
            throw new ReportsValidationException(field, "must not start or end with spaces, was " + Quoted.of(value));
        }
        if (countAddresses(value) > 1) {
            throw new ReportsValidationException(
                    field, "must be exactly one address; add one recipient per address, was " + Quoted.of(value));
        }
        InternetAddress address;
        try {
            address = new InternetAddress(value, true);
            address.validate();
        } catch (AddressException e) {
            throw new ReportsValidationException(
                    field, "is not a valid RFC 5322 address (" + e.getMessage() + "), was " + Quoted.of(value), e);
        }
        if (address.isGroup()) {
            throw new ReportsValidationException(field, "must be one address, not a group, was " + Quoted.of(value));
        }
        if (address.getPersonal() != null || !value.equals(address.getAddress())) {
            throw new ReportsValidationException(
                    field,
                    "must be a plain address like name@example.com, without display name or angle brackets, was "
                            + Quoted.of(value));
        }
        checkParts(field, value);
        return address;
    }

    private static int countAddresses(String value) {
        try {
            return InternetAddress.parse(value, false).length;
        } catch (AddressException e) {
            return 1; // the strict parse below explains what is wrong
        }
    }

    private static void checkParts(String field, String value) {
        int at = value.lastIndexOf('@');
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.length() > MAX_LOCAL_PART) {
            throw new ReportsValidationException(
                    field,
                    "local part (before @) must be at most " + MAX_LOCAL_PART + " characters, was " + local.length());
        }
        if (domain.startsWith("[")) {
            throw new ReportsValidationException(
                    field, "must use a host name, not a domain literal, was " + Quoted.of(value));
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw new ReportsValidationException(
                    field, "domain must have a dot, like name@example.com, was " + Quoted.of(value));
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new ReportsValidationException(
                        field,
                        "domain label " + Quoted.of(label) + " must be 1-63 letters, digits or inner hyphens, was "
                                + Quoted.of(value));
            }
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            throw new ReportsValidationException(
                    field, "top-level domain must not be numeric, was " + Quoted.of(value));
        }
    }
}
