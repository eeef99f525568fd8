package io.scheduledreports.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a receiver does (written from the Standard Webhooks specification, independently of the channel's
 * signer): HMAC-SHA256 over {@code id.timestamp.body} with the base64-decoded secret, compared in constant time
 * against each {@code v1,} signature of the header.
 */
final class StandardWebhooksVerifier {
    private StandardWebhooksVerifier() {}

    static boolean verify(String secret, String id, String timestamp, byte[] body, String signatureHeader)
            throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(id.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        byte[] expected = mac.doFinal(body);
        for (String sig : signatureHeader.split(" ")) {
            String[] parts = sig.split(",", 2);
            if (parts.length == 2
                    && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }
}
