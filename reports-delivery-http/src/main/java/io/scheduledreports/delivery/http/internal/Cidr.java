package io.scheduledreports.delivery.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.1.0.0/16} or {@code fd00::/8}; parsed without DNS. */
public record Cidr(byte[] network, int prefix, String text) {

    /**
     * Parses {@code address/prefix}; the address must be a literal.
     *
     * @param text the block
     * @return the block
     * @throws IllegalArgumentException naming the rule broken
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("must be address/prefix, was '" + text + "'");
        }
        byte[] address = literal(text.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IP literal, was '" + text + "'"));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix must be a number, was '" + text + "'");
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException(
                    "prefix must be 0-" + address.length * 8 + " for this address, was '" + text + "'");
        }
        return new Cidr(address, prefix, text);
    }

    /** Whether {@code address} lies in this block (IPv4 and IPv6 never match each other). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /**
     * The bytes of an IPv4 or IPv6 literal (brackets allowed), without DNS; empty for a host name.
     *
     * @param host a host as written in a URI
     * @return the address bytes
     */
    public static java.util.Optional<byte[]> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty()) {
            return java.util.Optional.empty();
        }
        boolean v4 = h.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
                && h.chars().filter(c -> c == '.').count() == 3;
        boolean v6 =
                h.indexOf(':') >= 0 && h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!v4 && !v6) {
            return java.util.Optional.empty();
        }
        try {
            // a literal never triggers a lookup
            return java.util.Optional.of(InetAddress.getByName(h).getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
