package io.scheduledreports.delivery.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses for {@link OutboundPolicy}. The default is the JVM's resolver; tests and
 * hosts with their own DNS plug in another.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * Resolves a host name (never an IP literal: those are not looked up).
     *
     * @param host the name, e.g. {@code hooks.example.com}
     * @return its addresses, at least one
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName(String)}). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
