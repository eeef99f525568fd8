package io.scheduledreports.core.recipients;

import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.ReportsValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default recipient rules of one tenant, for e-mail recipients: which domains are internal, whether external
 * addresses are allowed at all, and how many external recipients one schedule may have. An address is internal
 * when its domain is one of {@link #internalDomains()} or a subdomain of one. With no internal domains every
 * address is internal (the rules allow everything).
 *
 * @param internalDomains the tenant's own domains, lower case, e.g. {@code acme.com}
 * @param externalAllowed whether addresses outside them are allowed at all
 * @param maxExternal most external recipients per schedule (when allowed)
 */
public record RecipientRules(Set<String> internalDomains, boolean externalAllowed, int maxExternal) {

    /** The e-mail channel's id, whose recipients these rules apply to. */
    public static final String EMAIL = "email";

    /** Rule name: an external address while external addresses are off. */
    public static final String EXTERNAL_NOT_ALLOWED = "external_not_allowed";

    /** Rule name: more external addresses than {@link #maxExternal()}. */
    public static final String MAX_EXTERNAL = "max_external";

    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /**
     * Validates and normalises the rules.
     *
     * @throws ReportsValidationException naming {@code recipient-policy.internal-domains} or
     *     {@code recipient-policy.max-external}
     */
    public RecipientRules {
        Set<String> domains = new LinkedHashSet<>();
        for (String d : internalDomains == null ? Set.<String>of() : internalDomains) {
            String normalised = d == null ? "" : d.strip().toLowerCase(Locale.ROOT);
            if (normalised.startsWith("@")) {
                normalised = normalised.substring(1);
            }
            if (!DOMAIN.matcher(normalised).matches()) {
                throw new ReportsValidationException(
                        "recipient-policy.internal-domains", "must be domain names like acme.com, was '" + d + "'");
            }
            domains.add(normalised);
        }
        internalDomains = Set.copyOf(domains);
        if (maxExternal < 0) {
            throw new ReportsValidationException("recipient-policy.max-external", "must be >= 0, was " + maxExternal);
        }
    }

    /** No restrictions. */
    public static RecipientRules ofDefaults() {
        return new RecipientRules(Set.of(), true, Integer.MAX_VALUE);
    }

    /** Only these domains; no external address. */
    public static RecipientRules internalOnly(Set<String> domains) {
        return new RecipientRules(domains, false, 0);
    }

    /** These domains are internal; at most {@code maxExternal} others per schedule. */
    public static RecipientRules withExternalLimit(Set<String> domains, int maxExternal) {
        return new RecipientRules(domains, true, maxExternal);
    }

    /** Whether an e-mail address is internal under these rules. */
    public boolean isInternal(String address) {
        if (internalDomains.isEmpty()) {
            return true;
        }
        int at = address.lastIndexOf('@');
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        for (String internal : internalDomains) {
            if (domain.equals(internal) || domain.endsWith("." + internal)) {
                return true;
            }
        }
        return false;
    }

    /** The violations of a schedule's recipients, in order; other channels than e-mail are not judged. */
    public List<RecipientPolicy.Violation> check(List<Recipient> recipients) {
        List<RecipientPolicy.Violation> violations = new ArrayList<>();
        int external = 0;
        for (int i = 0; i < recipients.size(); i++) {
            Recipient r = recipients.get(i);
            if (!EMAIL.equals(r.channel()) || isInternal(r.destination())) {
                continue;
            }
            if (!externalAllowed) {
                violations.add(new RecipientPolicy.Violation(
                        i,
                        EXTERNAL_NOT_ALLOWED,
                        "'" + r.destination() + "' is outside this tenant's domains "
                                + new java.util.TreeSet<>(internalDomains)
                                + " and external recipients are not allowed"));
            } else if (++external > maxExternal) {
                violations.add(new RecipientPolicy.Violation(
                        i,
                        MAX_EXTERNAL,
                        "'" + r.destination() + "' would be external recipient number " + external + "; at most "
                                + maxExternal + " per schedule"));
            }
        }
        return violations;
    }
}
