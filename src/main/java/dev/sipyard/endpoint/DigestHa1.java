package dev.sipyard.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * HA1 = H(username ":" realm ":" password) for the digest algorithms of RFC 7616. These are the
 * only forms in which a SIP password is kept.
 */
public record DigestHa1(String md5, String sha256, String sha512256) {

    public static DigestHa1 of(String username, String realm, String password) {
        byte[] input = (username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8);
        return new DigestHa1(hex("MD5", input), hex("SHA-256", input), hex("SHA-512/256", input));
    }

    /** Lower-case hex of the named JDK digest ("MD5", "SHA-256", "SHA-512/256") of {@code input}. */
    public static String hex(String algorithm, byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
