package dev.sipyard.media.srtp;

/**
 * One SDES crypto attribute (RFC 4568): {@code a=crypto:<tag> <suite> inline:<base64 key||salt>[|lifetime][|MKI:len]}.
 * Lifetime and MKI are tolerated on parsing and never produced.
 *
 * @param tag the attribute's tag (0..999999999)
 * @param suite the crypto suite name, upper case as registered
 * @param keySalt the master key followed by the master salt
 */
public record SdesCrypto(int tag, String suite, byte[] keySalt) {
    /**
     * Parses the text after {@code a=crypto:}.
     *
     * @throws IllegalArgumentException when it is malformed, names an unknown suite or has the wrong key length
     */
    public static SdesCrypto parse(String attributeValue) {
        throw new IllegalArgumentException("not implemented");
    }

    /** The attribute value (without {@code a=crypto:}), e.g. {@code 1 AES_CM_128_HMAC_SHA1_80 inline:...}. */
    public String format() {
        return "";
    }

    /** A fresh key and salt from {@link java.security.SecureRandom} for {@code suite}. */
    public static SdesCrypto generate(int tag, String suite) {
        throw new IllegalArgumentException("not implemented");
    }

    /** Whether {@link SrtpContext} can protect and unprotect with {@code suite}. */
    public static boolean supported(String suite) {
        return false;
    }
}
