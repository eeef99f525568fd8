package io.scheduledreports.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.delivery.http.internal.AddressRules;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRulesTest {

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
        "0.0.0.0, unspecified",
        "0.1.2.3, unspecified",
        "127.0.0.1, loopback",
        "127.255.255.254, loopback",
        "169.254.169.254, link-local",
        "169.254.0.1, link-local",
        "10.0.0.1, private",
        "10.255.255.255, private",
        "172.16.0.1, private",
        "172.31.255.255, private",
        "192.168.1.1, private",
        "100.64.0.1, carrier-grade NAT",
        "100.127.255.255, carrier-grade NAT",
        "224.0.0.1, multicast",
        "239.255.255.250, multicast",
        "255.255.255.255, broadcast",
        "240.0.0.1, reserved",
        "::, unspecified",
        "::1, loopback",
        "fe80::1, link-local",
        "febf:ffff::1, link-local",
        "fec0::1, site-local",
        "fc00::1, unique local",
        "fd12:3456:789a::1, unique local",
        "ff02::1, multicast",
        "ff05::2, multicast",
        "::127.0.0.1, loopback",
        "::169.254.169.254, link-local",
        "64:ff9b::a9fe:a9fe, link-local",
        "64:ff9b::10.1.2.3, private",
        "2002:7f00:1::, loopback",
        "2002:c0a8:101::1, private",
        "2001:db8::1, documentation",
    })
    void refusesNonPublicAddresses(String literal, String expectedClass) throws Exception {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(AddressRules.refusal(address))
                .as("classification of %s", literal)
                .hasValueSatisfying(reason -> assertThat(reason).contains(expectedClass));
    }

    @ParameterizedTest(name = "IPv4-mapped {0} is judged by its IPv4 address")
    @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::ffff:192.168.0.1"})
    void judgesMappedAddressesByTheirIpv4Address(String literal) throws Exception {
        // The JDK turns ::ffff:a.b.c.d into an Inet4Address; build the 16-byte form by hand as well.
        InetAddress parsed = InetAddress.getByName(literal);
        byte[] v4 = parsed.getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(v4, 0, mapped, 12, 4);
        InetAddress sixteen = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(AddressRules.refusal(parsed)).as("parsed %s", literal).isPresent();
        assertThat(AddressRules.refusal(sixteen)).as("16-byte %s", literal).isPresent();
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(
            strings = {
                "8.8.8.8",
                "93.184.215.14",
                "1.1.1.1",
                "100.63.255.255",
                "100.128.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "169.253.255.255",
                "192.169.0.1",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2a00:1450:4001:80b::200e",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(AddressRules.refusal(InetAddress.getByName(literal)))
                .as(literal)
                .isEmpty();
    }
}
