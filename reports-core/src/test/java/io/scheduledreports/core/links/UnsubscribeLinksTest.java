package io.scheduledreports.core.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.links.InvalidDownloadTokenException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final DownloadLinkConfig KEYS = DownloadLinkConfig.builder()
            .key("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
            .build();
    private final UnsubscribeLinks unsubscribe = UnsubscribeLinks.create(KEYS, Duration.ofDays(30));
    private final DownloadLinks downloads = DownloadLinks.create(KEYS);

    @Test
    void aTokenNamesTheTenantAndRecipientItWasSignedFor() {
        String token = unsubscribe.sign("acme", "rcp-1", NOW.plusSeconds(60));
        UnsubscribeLinks.VerifiedRecipient v = unsubscribe.verify(token, NOW);
        assertThat(v.tenantId()).isEqualTo("acme");
        assertThat(v.recipientId()).isEqualTo("rcp-1");
        assertThat(v.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aDownloadTokenSignedWithTheSameKeysIsNotAnUnsubscribeToken() {
        String download = downloads.sign("exec-1", "acme", NOW.plusSeconds(60));
        assertThat(downloads.verify(download, null, NOW).executionId()).isEqualTo("exec-1");
        assertThatThrownBy(() -> unsubscribe.verify(download, NOW))
                .isInstanceOf(InvalidUnsubscribeTokenException.class);
    }

    @Test
    void anUnsubscribeTokenIsNotADownloadToken() {
        String token = unsubscribe.sign("acme", "rcp-1", NOW.plusSeconds(60));
        assertThatThrownBy(() -> downloads.verify(token, null, NOW)).isInstanceOf(InvalidDownloadTokenException.class);
    }

    @Test
    void aDownloadPayloadWithTheUnsubscribeLayoutStillFailsBecauseTheMacKeyIsDerivedPerPurpose() {
        // Re-sign the unsubscribe payload with the download MAC (key used directly): the signature is genuine for
        // downloads' key but not for the derived unsubscribe key.
        String token = unsubscribe.sign("acme", "rcp-1", NOW.plusSeconds(60));
        String payload = token.substring(0, token.indexOf('.'));
        byte[] raw = java.util.Base64.getUrlDecoder().decode(payload);
        String forged;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(KEYS.secret("k1"), "HmacSHA256"));
            forged = payload + "."
                    + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(raw));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> unsubscribe.verify(forged, NOW))
                .isInstanceOfSatisfying(
                        InvalidUnsubscribeTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void tamperedExpiredAndForeignTokensAreRefusedWithTheirReason() {
        String token = unsubscribe.sign("acme", "rcp-1", NOW.plusSeconds(60));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> unsubscribe.verify(tampered, NOW))
                .isInstanceOfSatisfying(
                        InvalidUnsubscribeTokenException.class,
                        e -> assertThat(e.reason()).isIn(Reason.BAD_SIGNATURE, Reason.MALFORMED));
        assertThatThrownBy(() -> unsubscribe.verify(token, NOW.plusSeconds(60)))
                .isInstanceOfSatisfying(
                        InvalidUnsubscribeTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
        UnsubscribeLinks other = UnsubscribeLinks.create(
                DownloadLinkConfig.builder()
                        .key("k2", "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII))
                        .build(),
                Duration.ofDays(1));
        assertThatThrownBy(() -> other.verify(token, NOW))
                .isInstanceOfSatisfying(
                        InvalidUnsubscribeTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        assertThatThrownBy(() -> unsubscribe.verify("not-a-token", NOW))
                .isInstanceOfSatisfying(
                        InvalidUnsubscribeTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThat(new InvalidUnsubscribeTokenException(Reason.EXPIRED, "x").getMessage())
                .doesNotContain(token);
    }

    @Test
    void linksCarryTheTokenAsAQueryParameterAndExpireAfterTheValidity() {
        URI link = unsubscribe.link(URI.create("https://app.example.com/api/v1/unsubscribe"), "acme", "rcp-1", NOW);
        assertThat(link.toString()).startsWith("https://app.example.com/api/v1/unsubscribe?token=");
        String token = link.getRawQuery().substring("token=".length());
        assertThat(unsubscribe.verify(token, NOW).expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThatThrownBy(() -> UnsubscribeLinks.create(KEYS, Duration.ZERO))
                .hasMessageContaining("unsubscribe-links.validity");
    }
}
