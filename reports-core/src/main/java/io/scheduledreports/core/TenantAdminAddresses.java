package io.scheduledreports.core;

import java.util.List;

/**
 * The host's lookup of a tenant's administrators, for alerts that concern the whole tenant rather than one
 * schedule's owner: a generation or delivery that failed for good with a
 * {@link io.scheduledreports.spi.ErrorCategory#CONFIGURATION} error (credentials, a missing plug-in) is told to
 * these addresses too, through the {@link FailureNotifications} channel.
 */
@FunctionalInterface
public interface TenantAdminAddresses {

    /**
     * The addresses of the tenant's administrators in the failure-notification channel; may be empty.
     *
     * @param tenantId the tenant
     * @return the addresses, never null
     */
    List<String> addressesOf(String tenantId);

    /** Nobody: configuration errors are told to the owner and the fixed recipients only. */
    static TenantAdminAddresses none() {
        return tenantId -> List.of();
    }
}
