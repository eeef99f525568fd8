package io.scheduledreports.delivery.http.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Classifies addresses an outbound request must not reach unless allowlisted. IPv6 forms that embed an IPv4
 * address (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are judged by the IPv4 address inside, so {@code ::ffff:127.0.0.1} is loopback.
 */
public final class AddressRules {
    private AddressRules() {}

    /**
     * Why {@code address} is refused, e.g. {@code "loopback"}; empty when it is a public unicast address.
     *
     * @param address the address to judge
     * @return the address class that makes it refused
     */
    public static Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b);
        }
        if (address instanceof Inet6Address) {
            return ipv6(b);
        }
        return Optional.of("unknown address family");
    }

    private static Optional<String> ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return Optional.of("unspecified (0.0.0.0/8)");
        }
        if (a0 == 127) {
            return Optional.of("loopback (127.0.0.0/8)");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("link-local (169.254.0.0/16, includes cloud metadata)");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("private (RFC 1918)");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT (100.64.0.0/10)");
        }
        if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) {
            return Optional.of("IETF protocol assignments (192.0.0.0/24)");
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return Optional.of("benchmarking (198.18.0.0/15)");
        }
        if ((a0 & 0xf0) == 224) {
            return Optional.of("multicast (224.0.0.0/4)");
        }
        if ((a0 & 0xf0) == 240) {
            return Optional.of("reserved or broadcast (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped");
        }
        if (isZero(b, 0, 12)) {
            if (isZero(b, 12, 15) && b[15] == 0) {
                return Optional.of("unspecified (::)");
            }
            if (isZero(b, 12, 15) && b[15] == 1) {
                return Optional.of("loopback (::1)");
            }
            return embedded(b, 12, "IPv4-compatible");
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xff) {
            return Optional.of("multicast (ff00::/8)");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return Optional.of("link-local (fe80::/10)");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return Optional.of("site-local (fec0::/10)");
        }
        if ((b0 & 0xfe) == 0xfc) {
            return Optional.of("unique local (fc00::/7)");
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
            return embedded(b, 12, "NAT64");
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return embedded(b, 2, "6to4");
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Optional.of("documentation (2001:db8::/32)");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] b, int offset, String form) {
        byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
        String dotted = (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
        return ipv4(v4).map(reason -> form + " " + dotted + ": " + reason);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
