package io.scheduledreports.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.ErrorCategory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {

    private static HostResolver dns(Map<String, List<String>> table) {
        return host -> {
            List<String> literals = table.get(host);
            if (literals == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> out = new java.util.ArrayList<>();
            for (String l : literals) {
                out.add(InetAddress.getByName(l));
            }
            return out;
        };
    }

    @Test
    void strictPolicyAllowsHttpsToPublicAddresses() throws Exception {
        OutboundPolicy policy = OutboundPolicy.builder()
                .resolver(dns(Map.of("hooks.example.com", List.of("93.184.215.14", "2606:4700::1"))))
                .build();

        OutboundTarget target = policy.vet(URI.create("https://hooks.example.com/in?x=1"));

        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.secure()).isTrue();
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).hasSize(2);
    }

    @Test
    void refusesPlainHttpUnlessAllowed() throws Exception {
        HostResolver resolver = dns(Map.of("hooks.example.com", List.of("93.184.215.14")));
        URI http = URI.create("http://hooks.example.com/in");

        assertThatThrownBy(() ->
                        OutboundPolicy.builder().resolver(resolver).build().vet(http))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("must be https");
        assertThat(OutboundPolicy.builder()
                        .resolver(resolver)
                        .allowPlainHttp(true)
                        .build()
                        .vet(http)
                        .port())
                .isEqualTo(80);
    }

    @Test
    void refusesOtherSchemesUserInfoAndRelativeUris() {
        OutboundPolicy policy = OutboundPolicy.ofDefaults();

        assertThatThrownBy(() -> policy.vet(URI.create("ftp://example.com/x"))).hasMessageContaining("absolute https");
        assertThatThrownBy(() -> policy.vet(URI.create("file:///etc/passwd"))).hasMessageContaining("absolute https");
        assertThatThrownBy(() -> policy.vet(URI.create("/relative"))).hasMessageContaining("absolute https");
        assertThatThrownBy(() -> policy.vet(URI.create("https://user:pw@example.com/")))
                .hasMessageContaining("user info")
                .hasMessageNotContaining("pw");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsRefused() {
        OutboundPolicy policy = OutboundPolicy.builder()
                .resolver(dns(Map.of("mixed.example.com", List.of("93.184.215.14", "169.254.169.254"))))
                .build();

        assertThatThrownBy(() -> policy.vet(URI.create("https://mixed.example.com/")))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("169.254.169.254")
                .hasMessageContaining("link-local")
                .satisfies(e ->
                        assertThat(((OutboundRefusedException) e).category()).isEqualTo(ErrorCategory.CONFIGURATION));
    }

    @Test
    void refusesLiteralAddressesWithoutLookingThemUp() {
        OutboundPolicy policy = OutboundPolicy.builder()
                .resolver(host -> {
                    throw new AssertionError("literal looked up: " + host);
                })
                .build();

        assertThatThrownBy(() -> policy.vet(URI.create("https://169.254.169.254/latest/meta-data/")))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> policy.vet(URI.create("https://[::1]/"))).hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.vet(URI.create("https://[::ffff:7f00:1]/")))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.vet(URI.create("https://[fd00::1]:8443/")))
                .hasMessageContaining("unique local");
    }

    @Test
    void allowlistOpensExceptionsByHostNameOrCidr() throws Exception {
        HostResolver resolver = dns(Map.of(
                "internal.example.com", List.of("10.1.2.3"),
                "other.example.com", List.of("10.9.9.9"),
                "localhost", List.of("127.0.0.1", "::1")));
        OutboundPolicy policy = OutboundPolicy.builder()
                .resolver(resolver)
                .allow("10.1.0.0/16")
                .allow("LOCALHOST")
                .allow("::1")
                .build();

        assertThat(policy.vet(URI.create("https://internal.example.com/")).addresses())
                .extracting(InetAddress::getHostAddress)
                .containsExactly("10.1.2.3");
        assertThat(policy.vet(URI.create("https://localhost:8443/")).port()).isEqualTo(8443);
        assertThat(policy.vet(URI.create("https://[::1]/")).host()).isEqualTo("[::1]");
        assertThatThrownBy(() -> policy.vet(URI.create("https://other.example.com/")))
                .hasMessageContaining("10.9.9.9");
        assertThatThrownBy(() -> policy.vet(URI.create("https://127.0.0.1/"))).hasMessageContaining("loopback");
    }

    @Test
    void syntaxCheckRefusesLocalhostAndLiteralsButDoesNotResolveNames() {
        OutboundPolicy policy = OutboundPolicy.builder()
                .resolver(host -> {
                    throw new AssertionError("looked up: " + host);
                })
                .build();

        policy.checkSyntax(URI.create("https://hooks.example.com/x"));
        assertThatThrownBy(() -> policy.checkSyntax(URI.create("https://localhost/x")))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.checkSyntax(URI.create("https://10.0.0.5/x")))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> policy.checkSyntax(URI.create("http://hooks.example.com/x")))
                .hasMessageContaining("https");
    }

    @Test
    void invalidAllowlistEntriesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> OutboundPolicy.builder().allow("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allow: prefix must be 0-32")
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> OutboundPolicy.builder().allow("example.com/x"))
                .hasMessageStartingWith("allow: not an IP literal");
        assertThatThrownBy(() -> OutboundPolicy.builder().allow(" "))
                .hasMessageStartingWith("allow: must not be blank");
        assertThatThrownBy(() -> OutboundPolicy.builder().allow("hooks.example.com:8443"))
                .hasMessageStartingWith("allow: must be a host name, IP address or CIDR block without scheme or port");
    }

    @Test
    void toBuilderKeepsTheAllowlistPlainHttpAndResolver() throws Exception {
        OutboundPolicy base = OutboundPolicy.builder()
                .allow("intranet.local")
                .allow("10.1.0.0/16")
                .allowPlainHttp(true)
                .resolver(dns(Map.of("intranet.local", List.of("10.9.9.9"), "hooks.example.com", List.of("10.1.2.3"))))
                .build();

        OutboundPolicy widened = base.toBuilder().allow("192.168.7.7").build();

        assertThat(widened.allowsPlainHttp()).isTrue();
        assertThat(widened.vet(URI.create("http://intranet.local/in")).addresses())
                .containsExactly(InetAddress.getByName("10.9.9.9"));
        assertThat(widened.vet(URI.create("https://hooks.example.com/in")).addresses())
                .containsExactly(InetAddress.getByName("10.1.2.3"));
        widened.checkSyntax(URI.create("https://192.168.7.7/in"));
        assertThatThrownBy(() -> base.checkSyntax(URI.create("https://192.168.7.7/in")))
                .as("the base is unchanged")
                .isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void ofDefaultsIsStrict() {
        OutboundPolicy policy = OutboundPolicy.ofDefaults();

        assertThat(policy.allowsPlainHttp()).isFalse();
        assertThatThrownBy(() -> policy.checkSyntax(URI.create("https://127.0.0.1/in")))
                .isInstanceOf(OutboundRefusedException.class);
    }
}
