package dev.sipyard.sip.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The digest algorithms of RFC 7616 that sipyard offers, strongest first. */
public enum DigestAlgorithm {
    SHA_512_256("SHA-512-256", "SHA-512/256"),
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String wireName;
    private final String jdkName;
    /** One digest object per thread: getInstance searches the providers on every call. */
    private final ThreadLocal<MessageDigest> digests;

    DigestAlgorithm(String wireName, String jdkName) {
        this.wireName = wireName;
        this.jdkName = jdkName;
        this.digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(jdkName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jdkName + " is missing from this JDK", e);
            }
        });
    }

    public String wireName() {
        return wireName;
    }

    /** The algorithm named in a header; an absent name means MD5 (RFC 7616 §3.3). */
    public static Optional<DigestAlgorithm> fromWire(String name) {
        if (name == null) {
            return Optional.of(MD5);
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.wireName.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of H(text). */
    public String hash(String text) {
        MessageDigest md = digests.get();
        md.reset();
        return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The expected response for qop=auth: KD(HA1, nonce:nc:cnonce:qop:H(method:uri)). */
    public String response(String ha1, String method, String uri, String nonce, String nc, String cnonce,
                           String qop) {
        String ha2 = hash(method + ":" + uri);
        return hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
