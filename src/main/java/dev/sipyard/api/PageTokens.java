package dev.sipyard.api;

import dev.sipyard.common.Ids;
import dev.sipyard.common.PageRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque pagination cursors: direction and row id, bound to the project and the list they came
 * from, signed with a server key so that a forged or foreign cursor is recognised.
 */
final class PageTokens {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private final byte[] key;

    PageTokens(byte[] key) {
        this.key = key.clone();
    }

    String token(String scope, String id, boolean backward) {
        String payload = (backward ? "b" : "a") + id;
        return "PA" + ENC.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "."
                + ENC.encodeToString(sign(scope, payload));
    }

    /** The page the token designates, or empty if it was not issued by this server for this scope. */
    Optional<PageRequest> read(String scope, String token, int size) {
        if (token == null || !token.startsWith("PA") || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DEC.decode(token.substring(2, dot)), StandardCharsets.US_ASCII);
            byte[] mac = DEC.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, sign(scope, payload)) || payload.length() < 2) {
                return Optional.empty();
            }
            String id = payload.substring(1);
            if (!Ids.isId(id)) {
                return Optional.empty();
            }
            return Optional.of(new PageRequest(size, id, payload.charAt(0) == 'b'));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String scope, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
