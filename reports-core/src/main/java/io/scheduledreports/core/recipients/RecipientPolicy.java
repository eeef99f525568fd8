package io.scheduledreports.core.recipients;

import io.scheduledreports.spi.Recipient;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which recipients a tenant's schedules may have. Checked when a schedule is created or updated and when a
 * recipient is added (a refusal is a 400 naming {@code recipients[i].destination} and the rule), and again before
 * every delivery, so a policy tightened later stops sending (the delivery fails with
 * {@link io.scheduledreports.spi.ErrorCategory#PERMISSION}).
 *
 * <p>The default, {@link #of(RecipientRules, Map)}, applies {@link RecipientRules} per tenant to e-mail
 * recipients. A host with its own rules (a directory lookup, a consent register) implements this interface; it is
 * called inside request handling and before deliveries, so it must be quick and must not throw for a recipient it
 * merely dislikes.
 */
@FunctionalInterface
public interface RecipientPolicy {

    /**
     * Checks all recipients of one schedule together (limits such as "at most N external" need the whole list).
     *
     * @param tenantId the schedule's tenant
     * @param recipients the recipients in the schedule's order
     * @return one entry per refused recipient, empty when all are allowed
     */
    List<Violation> check(String tenantId, List<Recipient> recipients);

    /**
     * A refused recipient.
     *
     * @param index position of the recipient in the checked list
     * @param rule short name of the rule, e.g. {@code external_not_allowed}
     * @param message what is wrong and what to do, without the rule name
     */
    record Violation(int index, String rule, String message) {
        /** Checks the values. */
        public Violation {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Allows every recipient (the library's default). */
    static RecipientPolicy allowAll() {
        return (tenantId, recipients) -> List.of();
    }

    /**
     * The rules {@code defaults} for every tenant, except those in {@code perTenant}.
     *
     * @param defaults rules of tenants without their own
     * @param perTenant rules by tenant id
     * @return the policy
     */
    static RecipientPolicy of(RecipientRules defaults, Map<String, RecipientRules> perTenant) {
        Objects.requireNonNull(defaults, "defaults");
        Map<String, RecipientRules> copy = Map.copyOf(perTenant);
        return (tenantId, recipients) -> copy.getOrDefault(tenantId, defaults).check(recipients);
    }
}
