package io.scheduledreports.delivery.http;

import io.scheduledreports.delivery.http.internal.AddressRules;
import io.scheduledreports.delivery.http.internal.Cidr;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which URIs outbound deliveries may reach: the SSRF guard of the HTTP-based channels. Immutable.
 *
 * <p>By default ({@link #ofDefaults()}) only {@code https} is allowed, and a host is refused when any address it
 * resolves to is loopback, link-local (169.254.0.0/16 with the cloud metadata address, fe80::/10), private (RFC
 * 1918, fc00::/7, fec0::/10), carrier-grade NAT (100.64.0.0/10), multicast, unspecified, broadcast/reserved, or
 * an IPv6 form that embeds such an IPv4 address ({@code ::ffff:127.0.0.1}). An allowlist of host names or CIDR
 * blocks opens exceptions (that is how tests reach {@code 127.0.0.1}); plain {@code http} needs
 * {@link Builder#allowPlainHttp(boolean)}.
 *
 * <p>{@link #vet(URI)} resolves the host once and returns the vetted addresses; {@link OutboundHttp} connects to
 * those addresses and never resolves the name again, so there is no window in which a changed DNS answer (DNS
 * rebinding) could point the request elsewhere.
 */
public final class OutboundPolicy {

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedBlocks;
    private final boolean allowPlainHttp;
    private final HostResolver resolver;

    private OutboundPolicy(Builder b) {
        this.allowedHosts = Set.copyOf(b.hosts);
        this.allowedBlocks = List.copyOf(b.blocks);
        this.allowPlainHttp = b.allowPlainHttp;
        this.resolver = b.resolver;
    }

    /** The default, strict policy: https only, no exceptions, the JVM's resolver. */
    public static OutboundPolicy ofDefaults() {
        return builder().build();
    }

    /** A builder starting from {@link #ofDefaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy (its allowlist, plain-http switch and resolver). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hosts.addAll(allowedHosts);
        b.blocks.addAll(allowedBlocks);
        b.allowPlainHttp = allowPlainHttp;
        b.resolver = resolver;
        return b;
    }

    /** Whether plain {@code http} URIs are allowed. */
    public boolean allowsPlainHttp() {
        return allowPlainHttp;
    }

    /**
     * Checks what can be checked without DNS: scheme, host present, no user info, and an IP-literal host's
     * address. For validating destinations when a schedule is created.
     *
     * @param uri the destination
     * @throws OutboundRefusedException naming the rule and the URI (without user info)
     */
    public void checkSyntax(URI uri) {
        String host = hostOf(uri);
        if (isAllowedHost(host)) {
            return;
        }
        Optional<byte[]> literal = Cidr.literal(host);
        if (literal.isPresent()) {
            try {
                refuseIfBlocked(host, InetAddress.getByAddress(literal.get()));
            } catch (UnknownHostException e) {
                throw new OutboundRefusedException("host " + host + " is not a valid address");
            }
        } else if (host.equalsIgnoreCase("localhost")
                || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            throw new OutboundRefusedException("host " + host + " is loopback; allowlist it to use it");
        }
    }

    /**
     * Checks a URI and resolves its host: every address must be allowed.
     *
     * @param uri the request URI
     * @return the target with the vetted addresses to connect to
     * @throws OutboundRefusedException when the scheme or any address is refused
     * @throws UnknownHostException when the host does not resolve
     */
    public OutboundTarget vet(URI uri) throws UnknownHostException {
        String host = hostOf(uri);
        boolean secure = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        List<InetAddress> addresses;
        Optional<byte[]> literal = Cidr.literal(host);
        if (literal.isPresent()) {
            addresses = List.of(InetAddress.getByAddress(literal.get()));
        } else {
            addresses = resolver.resolve(host);
            if (addresses == null || addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
        }
        if (!isAllowedHost(host)) {
            for (InetAddress a : addresses) {
                refuseIfBlocked(host, a);
            }
        }
        return new OutboundTarget(uri, host, port, secure, addresses);
    }

    /**
     * Why this address would be refused for {@code host}; empty when allowed (public, or allowlisted).
     *
     * @param host the host name the address belongs to
     * @param address the address
     * @return the reason
     */
    public Optional<String> refusal(String host, InetAddress address) {
        if (isAllowedHost(host) || allowedBlocks.stream().anyMatch(b -> b.contains(address))) {
            return Optional.empty();
        }
        return AddressRules.refusal(address);
    }

    private void refuseIfBlocked(String host, InetAddress address) {
        Optional<String> reason = refusal(host, address);
        if (reason.isPresent()) {
            throw new OutboundRefusedException("host " + host + " resolves to " + address.getHostAddress() + ", a "
                    + reason.get() + " address; outbound requests may not reach it unless it is allowlisted");
        }
    }

    private boolean isAllowedHost(String host) {
        return allowedHosts.contains(normalise(host));
    }

    private String hostOf(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new OutboundRefusedException("URI must be absolute https, was '" + safe(uri) + "'");
        }
        if (scheme.equals("http") && !allowPlainHttp) {
            throw new OutboundRefusedException(
                    "URI must be https (plain http is not allowed), was '" + safe(uri) + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefusedException("URI must not contain user info; use an auth header secret instead");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new OutboundRefusedException("URI must have a host, was '" + safe(uri) + "'");
        }
        return host;
    }

    private static String safe(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : "(URI with user info)";
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        h = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    @Override
    public String toString() {
        return "OutboundPolicy[allowedHosts=" + allowedHosts + ", allowedBlocks=" + allowedBlocks + ", allowPlainHttp="
                + allowPlainHttp + "]";
    }

    /** Builds an {@link OutboundPolicy}; setters validate on the spot. */
    public static final class Builder {
        private final Set<String> hosts = new LinkedHashSet<>();
        private final List<Cidr> blocks = new ArrayList<>();
        private boolean allowPlainHttp;
        private HostResolver resolver = HostResolver.system();

        private Builder() {}

        /**
         * Allows a host name (exact, case-insensitive; every address it resolves to) or an address block
         * ({@code 10.20.0.0/16}, {@code 127.0.0.1/32}, {@code fd00::/8}).
         *
         * @param hostOrCidr a host name, IP literal or CIDR block
         * @return this builder
         */
        public Builder allow(String hostOrCidr) {
            if (hostOrCidr == null || hostOrCidr.isBlank()) {
                throw new IllegalArgumentException("allow: must not be blank, was '" + hostOrCidr + "'");
            }
            String entry = hostOrCidr.strip();
            if (entry.contains("/")) {
                try {
                    blocks.add(Cidr.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("allow: " + e.getMessage(), e);
                }
            } else if (entry.chars().anyMatch(c -> c <= ' ' || c == '@' || c == '?' || c == '#')) {
                throw new IllegalArgumentException("allow: must be a host name or CIDR, was '" + entry + "'");
            } else if (Cidr.literal(entry).isPresent()) {
                blocks.add(Cidr.parse(entry + "/" + Cidr.literal(entry).get().length * 8));
            } else if (entry.contains(":") || entry.contains("/")) {
                throw new IllegalArgumentException(
                        "allow: must be a host name, IP address or CIDR block without scheme or port, was '" + entry
                                + "'");
            } else {
                hosts.add(normalise(entry));
            }
            return this;
        }

        /**
         * Allows several entries, see {@link #allow(String)}.
         *
         * @param hostsOrCidrs the entries
         * @return this builder
         */
        public Builder allowAll(Iterable<String> hostsOrCidrs) {
            hostsOrCidrs.forEach(this::allow);
            return this;
        }

        /**
         * Whether plain {@code http} URIs are allowed (default false). Addresses are checked all the same.
         *
         * @param allow true to allow http
         * @return this builder
         */
        public Builder allowPlainHttp(boolean allow) {
            this.allowPlainHttp = allow;
            return this;
        }

        /**
         * The resolver of host names (default {@link HostResolver#system()}).
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The policy. */
        public OutboundPolicy build() {
            return new OutboundPolicy(this);
        }
    }
}
