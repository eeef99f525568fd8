package io.scheduledreports.spi;

import java.util.List;
import java.util.Map;

/**
 * The host's decision whether an actor may schedule a report type with these parameters for these
 * recipients. Called on create and update, before anything is written. The host enforces its own data
 * rules here, e.g. that external recipients are allowed for the tenant.
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

    /** Allows everything; the default. */
    static ReportAuthorizer allowAll() {
        return (actor, reportTypeId, parameters, recipients) -> {};
    }
}
