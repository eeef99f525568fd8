package io.scheduledreports.spring.internal.web;

import io.scheduledreports.spi.ErrorCategory;

/**
 * What a tenant's users are told about a failure: one short plain sentence per category. The technical message
 * (relay host and port, SMTP user, JDBC URL, exception text) stays in the logs and in the admin-only
 * {@code error_detail} field.
 */
final class UserMessages {

    private UserMessages() {}

    static String of(ErrorCategory category) {
        return switch (category) {
            case NETWORK -> "A service needed for this report could not be reached. It is tried again automatically.";
            case TIMEOUT -> "This report took too long. It is tried again automatically.";
            case DATA -> "The report could not be produced from its data or parameters. Check the schedule's settings.";
            case CONFIGURATION -> "The report or its delivery is not set up correctly. Please ask your administrator.";
            case PERMISSION ->
                "This report or one of its recipients is no longer allowed (the owner's access or your"
                        + " organisation's recipient policy). Please ask your administrator.";
            case SYSTEM -> "A temporary problem on our side stopped this report. It is tried again automatically.";
            case UNKNOWN -> "Something went wrong with this report. Please ask your administrator if it persists.";
        };
    }
}
