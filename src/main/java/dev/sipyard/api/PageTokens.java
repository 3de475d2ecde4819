package dev.sipyard.api;

import dev.sipyard.common.HmacSha256;
import dev.sipyard.common.Ids;
import dev.sipyard.common.PageRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque pagination cursors: direction and row id, bound to the project and the list they came
 * from, signed with a server key so that a forged or foreign cursor is recognised.
 */
final class PageTokens {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private final HmacSha256 mac;

    PageTokens(byte[] key) {
        this.mac = new HmacSha256(key);
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

    /** The MAC of the scope, a zero byte and the payload. */
    private byte[] sign(String scope, String payload) {
        byte[] s = scope.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[s.length + 1 + p.length];
        System.arraycopy(s, 0, input, 0, s.length);
        System.arraycopy(p, 0, input, s.length + 1, p.length);
        return mac.sign(input, 16);
    }
}
