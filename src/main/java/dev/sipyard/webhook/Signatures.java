package dev.sipyard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-SignalWire-Signature} values sipyard puts on the requests it sends, keyed by the
 * project's signing key (its UTF-8 bytes).
 */
public final class Signatures {
    /** The header every signed request carries. */
    public static final String HEADER = "X-SignalWire-Signature";

    private Signatures() {}

    /**
     * cXML and status callbacks: base64(HMAC-SHA1(key, url + each POST field name and value,
     * sorted by name)). For a GET the fields are already in {@code url}: pass an empty map.
     */
    public static String cxml(String key, String url, Map<String, String> postParams) {
        StringBuilder data = new StringBuilder(url);
        if (postParams != null) {
            for (var e : new TreeMap<>(postParams).entrySet()) {
                data.append(e.getKey()).append(e.getValue() == null ? "" : e.getValue());
            }
        }
        return Base64.getEncoder().encodeToString(hmacSha1(key, data.toString()));
    }

    /** SWML: hex(HMAC-SHA1(key, url + the raw JSON body)). */
    public static String swml(String key, String url, String rawBody) {
        return HexFormat.of().formatHex(hmacSha1(key, url + (rawBody == null ? "" : rawBody)));
    }

    private static byte[] hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
