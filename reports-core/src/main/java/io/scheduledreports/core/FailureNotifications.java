package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells people when an execution failed for good (generation failed after its last attempt, or deliveries failed):
 * the schedule's owner (when the host can resolve an address for it) and optional fixed addresses, through one
 * channel, once per failed execution. The message carries the standard template variables; the reason and the
 * execution reference travel in a small text attachment ({@code failure-<execution id>.txt}).
 *
 * @param channel id of the channel to notify through (e.g. {@code email})
 * @param ownerAddresses resolves an owner's address in that channel; may return empty
 * @param extraRecipients fixed addresses that are always notified (e.g. an operations mailbox)
 * @param options the channel's options for the message (e.g. e-mail {@code subject}/{@code body} templates)
 */
public record FailureNotifications(
        String channel,
        OwnerAddressResolver ownerAddresses,
        List<String> extraRecipients,
        Map<String, String> options) {

    /** Default e-mail subject. */
    public static final String DEFAULT_SUBJECT = "Scheduled report failed: {report_name} ({date})";
    /** Default e-mail body. */
    public static final String DEFAULT_BODY =
            "The scheduled report \"{report_name}\" planned for {scheduled_for} ({timezone})"
                    + " could not be delivered.\n\nExecution: {execution_id}\nThe reason is in the attached file.";

    /** Finds a schedule owner's address. */
    @FunctionalInterface
    public interface OwnerAddressResolver {
        /**
         * The owner's address, or empty.
         *
         * @param tenantId the tenant
         * @param ownerId the owner
         * @return the address in the notification channel
         */
        Optional<String> addressOf(String tenantId, String ownerId);
    }

    /** Validates and copies. */
    public FailureNotifications {
        if (channel == null || channel.isBlank()) {
            throw new ReportsValidationException("failureNotifications.channel", "must name a registered channel");
        }
        ownerAddresses = ownerAddresses == null ? (tenant, owner) -> Optional.empty() : ownerAddresses;
        extraRecipients = List.copyOf(extraRecipients == null ? List.of() : extraRecipients);
        options = Map.copyOf(options == null ? Map.of() : options);
    }

    /**
     * Notifications by e-mail with the default subject and body.
     *
     * @param ownerAddresses the host's lookup of an owner's e-mail address
     * @param extraRecipients fixed addresses
     */
    public static FailureNotifications byEmail(OwnerAddressResolver ownerAddresses, String... extraRecipients) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("subject", DEFAULT_SUBJECT);
        options.put("body", DEFAULT_BODY);
        return new FailureNotifications(
                "email", Objects.requireNonNull(ownerAddresses, "ownerAddresses"), List.of(extraRecipients), options);
    }
}
