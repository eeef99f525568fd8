package io.scheduledreports.delivery.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A URI that passed {@link OutboundPolicy#vet(URI)}, with the addresses it was vetted on. {@link OutboundHttp}
 * connects to exactly these addresses (it never resolves the name again), so a DNS answer that changes after
 * the check cannot redirect the request.
 *
 * @param uri the request URI
 * @param host the host as written in the URI (name or literal), used for {@code Host} and TLS SNI
 * @param port the port (default of the scheme when absent)
 * @param secure whether the scheme is https
 * @param addresses the vetted addresses, tried in order
 */
public record OutboundTarget(URI uri, String host, int port, boolean secure, List<InetAddress> addresses) {

    /** Validates and copies. */
    public OutboundTarget {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(host, "host");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses: must not be empty");
        }
    }
}
