package io.scheduledreports.core.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.core.links.InvalidDownloadTokenException.Reason;
import io.scheduledreports.spi.ReportsValidationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DownloadLinksTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:15:30.250Z");
    private static final byte[] KEY_A = key('a');
    private static final byte[] KEY_B = key('b');

    private final DownloadLinks links =
            DownloadLinks.create(DownloadLinkConfig.builder().key("k1", KEY_A).build());

    @Test
    void verifiesWhatItSigned() {
        String token = links.sign("exec-42", "tenant-7", NOW.plus(Duration.ofHours(1)));

        VerifiedToken verified = links.verify(token, "tenant-7", NOW);

        assertThat(verified.executionId()).isEqualTo("exec-42");
        assertThat(verified.tenantId()).isEqualTo("tenant-7");
        assertThat(verified.expiresAt()).isEqualTo(Instant.parse("2026-03-02T10:15:30Z"));
        assertThat(verified.keyId()).isEqualTo("k1");
    }

    @Test
    void tokensAreUrlSafeBase64WithoutPadding() {
        for (int i = 0; i < 50; i++) {
            String token = links.sign("exec-" + i, "t" + "x".repeat(i), NOW);
            assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        }
    }

    @Test
    void idsWithSeparatorsAndUnicodeSurviveUnchanged() {
        String execution = "a.b|c\nd";
        String tenant = "Zürich.Ω";
        String token = links.sign(execution, tenant, NOW.plusSeconds(60));

        VerifiedToken verified = links.verify(token, tenant, NOW);

        assertThat(verified.executionId()).isEqualTo(execution);
        assertThat(verified.tenantId()).isEqualTo(tenant);
    }

    @Test
    void linkIsValidForSevenDaysByDefaultAndCarriesTheTokenAsQueryParameter() {
        URI link = links.link(URI.create("https://reports.example.com/api/v1/downloads"), "exec-1", "t1", NOW);

        assertThat(link.toString()).startsWith("https://reports.example.com/api/v1/downloads?token=");
        VerifiedToken verified = links.verify(tokenOf(link), "t1", NOW);
        assertThat(verified.expiresAt()).isEqualTo(Instant.parse("2026-03-09T09:15:30Z"));
        assertThat(links.expiresAt(NOW)).isEqualTo(verified.expiresAt());
    }

    @Test
    void linkKeepsAnExistingQuery() {
        URI link = links.link(URI.create("https://example.com/dl?lang=de"), "exec-1", "t1", NOW);

        assertThat(link.getQuery()).startsWith("lang=de&token=");
        assertThat(links.verify(tokenOf(link), "t1", NOW).executionId()).isEqualTo("exec-1");
    }

    @Test
    void linkUsesTheConfiguredParameterName() {
        DownloadLinks custom = DownloadLinks.create(DownloadLinkConfig.builder()
                .key("k1", KEY_A)
                .tokenParameter("t")
                .validity(Duration.ofHours(2))
                .build());

        URI link = custom.link(URI.create("http://localhost:8080/d"), "e", "t1", NOW);

        assertThat(link.getQuery()).startsWith("t=");
        assertThat(custom.verify(link.getQuery().substring(2), null, NOW).expiresAt())
                .isEqualTo(Instant.parse("2026-03-02T11:15:30Z"));
    }

    @Test
    void refusesUnusableBaseUrls() {
        for (String bad :
                new String[] {"/relative", "ftp://example.com/x", "https://example.com/x#frag", "mailto:a@b"}) {
            assertThatThrownBy(() -> links.link(URI.create(bad), "e", "t", NOW))
                    .as(bad)
                    .isInstanceOf(ReportsValidationException.class)
                    .hasMessageStartingWith("download-links.base-url: ");
        }
    }

    @Test
    void expiresExactlyAtItsExpiry() {
        Instant expiry = Instant.parse("2026-03-02T09:25:30Z");
        String token = links.sign("e", "t", expiry);

        assertThat(links.verify(token, "t", expiry.minusMillis(1)).executionId())
                .isEqualTo("e");
        assertRefused(() -> links.verify(token, "t", expiry), Reason.EXPIRED);
        assertRefused(() -> links.verify(token, "t", expiry.plus(Duration.ofDays(30))), Reason.EXPIRED);
    }

    @Test
    void truncatesTheExpiryToWholeSecondsSoALinkNeverLivesLonger() {
        String token = links.sign("e", "t", Instant.parse("2026-03-02T09:25:30.999Z"));

        assertThat(links.verify(token, "t", NOW).expiresAt()).isEqualTo(Instant.parse("2026-03-02T09:25:30Z"));
        assertRefused(() -> links.verify(token, "t", Instant.parse("2026-03-02T09:25:30.500Z")), Reason.EXPIRED);
    }

    @Test
    void refusesATokenOfAnotherTenantButAcceptsAnyTenantWhenNoneIsExpected() {
        String token = links.sign("e", "tenant-a", NOW.plusSeconds(60));

        assertRefused(() -> links.verify(token, "tenant-b", NOW), Reason.WRONG_TENANT);
        assertThat(links.verify(token, null, NOW).tenantId()).isEqualTo("tenant-a");
    }

    @Test
    void refusesATokenWhosePayloadWasChanged() {
        String token = links.sign("exec-1", "tenant-a", NOW.plusSeconds(60));
        String signature = token.substring(token.indexOf('.') + 1);
        // A genuine-looking payload for another tenant, glued to the original signature.
        String forged = links.sign("exec-1", "tenant-b", NOW.plusSeconds(60));
        String forgedPayload = forged.substring(0, forged.indexOf('.'));

        assertRefused(() -> links.verify(forgedPayload + "." + signature, "tenant-b", NOW), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenWhoseExpiryWasExtended() {
        String token = links.sign("exec-1", "t", NOW.minusSeconds(1));
        byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
        payload[payload.length - 1] += 100; // expiry is the last field
        String tampered =
                Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + token.substring(token.indexOf('.'));

        assertRefused(() -> links.verify(tampered, "t", NOW), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenWithAChangedSignature() {
        String token = links.sign("exec-1", "t", NOW.plusSeconds(60));
        int dot = token.indexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[0] ^= 1;
        String tampered = token.substring(0, dot + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertRefused(() -> links.verify(tampered, "t", NOW), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenSignedWithAnotherSecretUnderTheSameKeyId() {
        DownloadLinks other = DownloadLinks.create(
                DownloadLinkConfig.builder().key("k1", KEY_B).build());
        String token = other.sign("e", "t", NOW.plusSeconds(60));

        assertRefused(() -> links.verify(token, "t", NOW), Reason.BAD_SIGNATURE);
    }

    @Test
    void acceptsTokensOfEveryConfiguredKeyAndSignsWithTheFirstDuringRotation() {
        String signedBeforeRotation = links.sign("e", "t", NOW.plusSeconds(60));
        DownloadLinks rotated = DownloadLinks.create(
                DownloadLinkConfig.builder().key("k2", KEY_B).key("k1", KEY_A).build());

        assertThat(rotated.verify(signedBeforeRotation, "t", NOW).keyId()).isEqualTo("k1");
        String signedAfterRotation = rotated.sign("e", "t", NOW.plusSeconds(60));
        assertThat(rotated.verify(signedAfterRotation, "t", NOW).keyId()).isEqualTo("k2");
        assertThat(rotated.config().keyIds()).containsExactly("k2", "k1");
    }

    @Test
    void refusesTokensOfARetiredKey() {
        String signedWithOldKey = links.sign("e", "t", NOW.plusSeconds(60));
        DownloadLinks retired = DownloadLinks.create(
                DownloadLinkConfig.builder().key("k2", KEY_B).build());

        assertRefused(() -> retired.verify(signedWithOldKey, "t", NOW), Reason.UNKNOWN_KEY);
    }

    @Test
    void refusesMalformedTokens() {
        String good = links.sign("e", "t", NOW.plusSeconds(60));
        String payload = good.substring(0, good.indexOf('.'));
        String signature = good.substring(good.indexOf('.') + 1);
        String[] bad = {
            null,
            "",
            "abc",
            "a.b.c",
            good + "=",
            good.replace('.', ' '),
            payload + "." + signature.substring(0, 20), // short signature
            payload.substring(0, 10) + "." + signature, // truncated payload
            "x".repeat(DownloadLinks.MAX_TOKEN_LENGTH) + "." + signature,
            withPayload(new byte[] {9, 2, 'k', '1'}, signature), // unknown version
            withPayload(Arrays.copyOf(Base64.getUrlDecoder().decode(payload), 200), signature), // trailing bytes
        };
        for (String token : bad) {
            assertRefused(() -> links.verify(token, "t", NOW), Reason.MALFORMED);
        }
    }

    @Test
    void refusesANonCanonicalSpellingOfAGenuineToken() {
        String token = links.sign("e", "t", NOW.plusSeconds(60));
        int dot = token.indexOf('.');
        // The signature's 32 bytes leave 2 unused bits in the last base64 character; setting one keeps the
        // decoded bytes but changes the spelling.
        char last = token.charAt(token.length() - 1);
        int index = ALPHABET.indexOf(last);
        char respelled = ALPHABET.charAt(index ^ 1);
        String respelledToken = token.substring(0, token.length() - 1) + respelled;

        assertThat(Base64.getUrlDecoder().decode(respelledToken.substring(dot + 1)))
                .isEqualTo(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
        assertRefused(() -> links.verify(respelledToken, "t", NOW), Reason.MALFORMED);
    }

    @Test
    void theMessageNeverContainsTheToken() {
        String token = links.sign("e", "tenant-a", NOW.plusSeconds(60));

        assertThatThrownBy(() -> links.verify(token, "tenant-b", NOW))
                .hasMessage("token: wrong_tenant: issued for another tenant")
                .message()
                .doesNotContain(token);
    }

    @Test
    void refusesBlankOrOversizedIdsWhenSigning() {
        assertThatThrownBy(() -> links.sign(" ", "t", NOW)).hasMessage("executionId: must not be blank");
        assertThatThrownBy(() -> links.sign("e", null, NOW)).hasMessage("tenantId: must not be blank");
        assertThatThrownBy(() -> links.sign("e", "t".repeat(DownloadLinks.MAX_ID_BYTES + 1), NOW))
                .hasMessage("tenantId: must be at most 1024 bytes in UTF-8, was 1025");
    }

    @Test
    void refusesKeysShorterThan32BytesNamingTheSetting() {
        assertThatThrownBy(() -> DownloadLinkConfig.builder().key("old", new byte[31]))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessage("download-links.keys[old]: must be at least 32 bytes (256 bits), was 31 bytes;"
                        + " generate one with 'openssl rand -base64 32'");
        String shortBase64 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> DownloadLinkConfig.builder().base64Key("old", shortBase64))
                .hasMessageStartingWith("download-links.keys[old]: must be at least 32 bytes");
    }

    @Test
    void readsBase64KeysInEitherAlphabet() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0xFB); // encodes to '+' and '/' in the standard alphabet
        String standard = Base64.getEncoder().encodeToString(secret);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        DownloadLinks fromStandard = DownloadLinks.create(
                DownloadLinkConfig.builder().base64Key("k", standard).build());
        DownloadLinks fromUrlSafe = DownloadLinks.create(
                DownloadLinkConfig.builder().base64Key("k", urlSafe).build());

        assertThat(standard).contains("+").contains("/");
        String token = fromStandard.sign("e", "t", NOW.plusSeconds(5));
        assertThat(fromUrlSafe.verify(token, "t", NOW).executionId()).isEqualTo("e");
        assertThatThrownBy(() -> DownloadLinkConfig.builder().base64Key("k", "not base64!"))
                .hasMessageStartingWith("download-links.keys[k]: must be base64");
    }

    @Test
    void refusesBadConfiguration() {
        assertThatThrownBy(() -> DownloadLinkConfig.builder().build())
                .hasMessageStartingWith("download-links.keys: at least one signing key is required");
        assertThatThrownBy(() -> DownloadLinkConfig.builder().key("k", KEY_A).key("k", KEY_B))
                .hasMessage("download-links.keys: duplicate key id 'k'");
        assertThatThrownBy(() -> DownloadLinkConfig.builder().key("a.b", KEY_A))
                .hasMessage("download-links.keys: key id must be 1-64 characters of [A-Za-z0-9_-], was 'a.b'");
        assertThatThrownBy(() -> DownloadLinkConfig.builder().validity(Duration.ZERO))
                .hasMessage("download-links.validity: must be positive and at most 366d, was 0s");
        assertThatThrownBy(() -> DownloadLinkConfig.builder().tokenParameter("a b"))
                .hasMessage("download-links.token-parameter: must be 1-64 characters of [A-Za-z0-9_-], was 'a b'");
    }

    @Test
    void configKeepsItsOwnCopyOfTheKeysAndNeverPrintsThem() {
        byte[] secret = key('c');
        DownloadLinkConfig config =
                DownloadLinkConfig.builder().key("k", secret).build();
        String token = DownloadLinks.create(config).sign("e", "t", NOW.plusSeconds(60));
        Arrays.fill(secret, (byte) 0);

        assertThat(DownloadLinks.create(config).verify(token, "t", NOW).executionId())
                .isEqualTo("e");
        assertThat(config.toString())
                .isEqualTo("DownloadLinkConfig[keyIds=[k], validity=PT168H, tokenParameter=token]");
        assertThat(DownloadLinks.create(
                                config.toBuilder().validity(Duration.ofDays(1)).build())
                        .verify(token, "t", NOW)
                        .keyId())
                .isEqualTo("k");
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidDownloadTokenException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("token: ");
    }

    private static String withPayload(byte[] payload, String signature) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + signature;
    }

    private static String tokenOf(URI link) {
        for (String pair : link.getRawQuery().split("&")) {
            if (pair.startsWith("token=")) {
                return pair.substring("token=".length());
            }
        }
        throw new AssertionError("no token in " + link);
    }

    private static byte[] key(char fill) {
        return ("0123456789abcdef0123456789abcdef" + fill).getBytes(StandardCharsets.US_ASCII);
    }
}
