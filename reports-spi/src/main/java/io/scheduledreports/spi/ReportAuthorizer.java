package io.scheduledreports.spi;

import java.util.List;
import java.util.Map;

/**
 * The host's decision whether an actor may schedule a report type with these parameters for these
 * recipients. Called on create and update, before anything is written. The host enforces its own data
 * rules here, e.g. that external recipients are allowed for the tenant.
 *
 * <p>It is asked again whenever a run starts (scheduled, manual or replayed), before any data is read, with the
 * schedule's <em>owner</em> as the actor: tenant id and owner id, and no roles, since the library does not know
 * the owner's roles at that moment; look the user up by id to decide (for example, refuse users who left). A
 * refusal then fails the run with {@link ErrorCategory#PERMISSION}, pauses the schedule with the reason, and
 * notifies the owner and the failure-notification recipients. Any other exception counts as an ordinary failure
 * of the run and is retried by the retry policy.
 */
@FunctionalInterface
public interface ReportAuthorizer {

    /**
     * Allows or refuses.
     *
     * @param actor who asks
     * @param reportTypeId the report type to schedule
     * @param parameters the report parameters as given
     * @param recipients all recipients of the schedule after the change
     * @throws ReportsAccessDeniedException to refuse, with a reason that can be shown to the actor
     */
    void authorize(Actor actor, String reportTypeId, Map<String, Object> parameters, List<Recipient> recipients);

    /**
     * Allows everything; the default. Always the same instance: with it, a run's start asks nothing and reads
     * nothing to ask with (the schedule's recipients).
     */
    static ReportAuthorizer allowAll() {
        return AllowAllAuthorizer.INSTANCE;
    }
}
