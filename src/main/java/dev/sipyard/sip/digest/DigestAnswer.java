package dev.sipyard.sip.digest;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The client side of digest: sipyard answering a carrier's challenge (401 WWW-Authenticate or
 * 407 Proxy-Authenticate) to a call it relays, with the gateway's username and password.
 */
public final class DigestAnswer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DigestAnswer() {}

    /**
     * The Authorization value answering {@code challenge} for a request of {@code method} to
     * {@code uri}; empty when the challenge is not a digest this server can answer.
     */
    public static Optional<String> answer(String challenge, String username, String password, String method,
                                          String uri) {
        String c = challenge.trim();
        if (c.length() < 7 || !c.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> p = DigestCredentials.params(c.substring(7));
        if (p == null || p.get("realm") == null || p.get("nonce") == null) {
            return Optional.empty();
        }
        String algorithmName = p.getOrDefault("algorithm", "MD5");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromWire(algorithmName);
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        DigestAlgorithm a = algorithm.get();
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        String ha1 = a.hash(username + ":" + realm + ":" + password);
        StringBuilder out = new StringBuilder("Digest username=\"").append(username).append("\", realm=\"")
                .append(realm).append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append('"');
        String qop = p.get("qop");
        if (qop != null && qop.toLowerCase(Locale.ROOT).matches("(.*,\\s*)?auth(\\s*,.*)?")) {
            byte[] raw = new byte[8];
            RANDOM.nextBytes(raw);
            String cnonce = HexFormat.of().formatHex(raw);
            String nc = "00000001";
            out.append(", response=\"").append(a.response(ha1, method, uri, nonce, nc, cnonce, "auth"))
                    .append("\", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            // RFC 2069 digest, without qop
            out.append(", response=\"").append(a.hash(ha1 + ":" + nonce + ":" + a.hash(method + ":" + uri)))
                    .append('"');
        }
        out.append(", algorithm=").append(a.wireName());
        if (p.get("opaque") != null) {
            out.append(", opaque=\"").append(p.get("opaque")).append('"');
        }
        return Optional.of(out.toString());
    }
}
