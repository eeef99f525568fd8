package io.scheduledreports.core.internal;

import io.scheduledreports.core.DeliveryQueueLimits;
import io.scheduledreports.core.TenantAdminAddresses;

/**
 * Operations settings of issue 24 (kept together so the engine's record grows by one component).
 *
 * @param tenantAdmins who is told about configuration errors besides the owner
 * @param deliveryQueue delivery backlog limits
 */
public record OpsConfig(TenantAdminAddresses tenantAdmins, DeliveryQueueLimits deliveryQueue) {

    /** Defaults: nobody extra, {@link DeliveryQueueLimits#ofDefaults()}. */
    public static OpsConfig ofDefaults() {
        return new OpsConfig(TenantAdminAddresses.none(), DeliveryQueueLimits.ofDefaults());
    }
}
