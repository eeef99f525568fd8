package io.scheduledreports.spi;

import java.util.Map;

/**
 * Delivers artifacts to recipients over one medium (e-mail, webhook, chat). Implementations are thread-safe.
 *
 * <p>Destinations and options are validated when a schedule is created or updated, so bad addresses are
 * refused up front instead of failing at the first run.
 */
public interface DeliveryChannel {

    /** Stable id used in recipients' {@code channel}, e.g. {@code "email"}. */
    String id();

    /**
     * Checks one destination.
     *
     * @param recipient the recipient to check (destination and options)
     * @throws ReportsValidationException naming {@code recipients.destination} (or the option) with the
     *     rule and the value
     */
    void validateRecipient(Recipient recipient);

    /**
     * Checks one destination for a tenant, e.g. against a per-tenant allowlist. The engine calls this one when a
     * schedule is created or updated; the default ignores the tenant.
     *
     * @param tenantId the tenant of the schedule
     * @param recipient the recipient to check
     * @throws ReportsValidationException naming {@code recipients.destination} (or the option)
     */
    default void validateRecipient(String tenantId, Recipient recipient) {
        validateRecipient(recipient);
    }

    /**
     * Checks the schedule's options for this channel (templates and the like). The default accepts none.
     *
     * @param options the options as given
     * @throws ReportsValidationException naming the option
     */
    default void validateOptions(Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new ReportsValidationException(
                    "delivery_options." + options.keySet().iterator().next(),
                    "channel '" + id() + "' takes no options");
        }
    }

    /**
     * How many of the report's first rows this channel shows for a schedule with these options (e.g. an e-mail's
     * inline table), so the engine captures them while it generates the report and hands them over in {@link
     * Delivery#sample()}. The engine captures the largest number its channels ask for, at most {@link
     * RowSample#MAX_ROWS}. The default, 0, asks for none.
     *
     * @param options the schedule's options for this channel, as validated by {@link #validateOptions(Map)}
     * @return 0 to {@link RowSample#MAX_ROWS}
     */
    default int sampleRows(Map<String, String> options) {
        return 0;
    }

    /**
     * Delivers. Either returns a result or throws; a thrown {@link ReportsException} keeps its category,
     * anything else is classified by type (e.g. {@code java.net.ConnectException} as NETWORK).
     *
     * @param delivery what to deliver to whom
     * @return the outcome
     * @throws Exception when delivery failed
     */
    DeliveryResult deliver(Delivery delivery) throws Exception;

    /**
     * Checks that the channel can reach a destination with its configured credentials, without delivering a
     * report (an SMTP handshake, an SFTP login and a writable directory). For administrators' "test connection"
     * buttons and health checks. The default has no check and answers {@link ConnectionCheck.Status#UNSUPPORTED}.
     *
     * <p>Implementations return failures rather than throw, never include secrets in the outcome, and bound the
     * check by their own timeouts.
     *
     * @param destination a destination in this channel's terms, as a recipient would name it
     * @return the outcome
     * @throws ReportsValidationException naming {@code destination} when it is not a valid destination
     */
    default ConnectionCheck checkConnection(String destination) {
        return ConnectionCheck.unsupported(id());
    }

    /**
     * Checks the channel's own configuration without a destination and without delivering anything: that its
     * server answers and accepts the configured credentials (an SMTP handshake, a Slack {@code auth.test}, a login
     * to each configured SFTP connection). {@code ScheduledReports.checkConfiguration()} calls it for every
     * registered channel, at start-up when the host asks for it, so it must be cheap and bounded by the channel's
     * own timeouts. The default answers {@link ConnectionCheck.Status#UNSUPPORTED}: a channel whose destinations
     * carry everything (a webhook URL) has nothing to check before it knows where to send.
     *
     * <p>Implementations return failures rather than throw and never put secrets into the outcome.
     *
     * @return the outcome
     */
    default ConnectionCheck checkConfiguration() {
        return ConnectionCheck.unsupported(id());
    }

    /**
     * The key under which the engine counts this recipient's sends against a configured per-channel rate limit,
     * so that one busy far side does not hold back the others: a webhook returns the destination host, SFTP its
     * connection name. The default, {@code ""}, counts every send of the channel together.
     *
     * @param recipient a recipient that passed {@link #validateRecipient(Recipient)}
     * @return a key of at most 255 characters; {@code ""} for one bucket per channel
     */
    default String rateKey(Recipient recipient) {
        return "";
    }
}
