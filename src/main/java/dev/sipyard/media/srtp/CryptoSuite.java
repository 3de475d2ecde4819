package dev.sipyard.media.srtp;

import java.util.Locale;
import org.jitsi.srtp.SrtpPolicy;

/**
 * The SDES crypto suites sipyard knows (RFC 4568 section 6.2, RFC 6188, RFC 7714), with their key, salt and
 * authentication tag lengths in bytes.
 */
enum CryptoSuite {
    AES_CM_128_HMAC_SHA1_80(16, 14, 10, 10, true),
    AES_CM_128_HMAC_SHA1_32(16, 14, 4, 10, true),
    AES_256_CM_HMAC_SHA1_80(32, 14, 10, 10, true),
    AES_256_CM_HMAC_SHA1_32(32, 14, 4, 10, true),
    /** jitsi-srtp refuses GCM tags shorter than 16 bytes, so this one is known but not usable. */
    AEAD_AES_256_GCM_8(32, 12, 8, 8, false);

    /** HMAC-SHA1 session authentication key length (RFC 3711 section 4.2.1: n_a = 160 bits). */
    private static final int HMAC_SHA1_KEY = 20;

    final int keyLength;
    final int saltLength;
    final int srtpTagLength;
    final int srtcpTagLength;
    final boolean supported;

    CryptoSuite(int keyLength, int saltLength, int srtpTagLength, int srtcpTagLength, boolean supported) {
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.srtpTagLength = srtpTagLength;
        this.srtcpTagLength = srtcpTagLength;
        this.supported = supported;
    }

    /** The suite of that name (case-insensitive), or null. */
    static CryptoSuite byName(String name) {
        if (name == null) {
            return null;
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (CryptoSuite suite : values()) {
            if (suite.name().equals(upper)) {
                return suite;
            }
        }
        return null;
    }

    int keySaltLength() {
        return keyLength + saltLength;
    }

    SrtpPolicy srtpPolicy() {
        return policy(srtpTagLength);
    }

    SrtpPolicy srtcpPolicy() {
        return policy(srtcpTagLength);
    }

    private SrtpPolicy policy(int tagLength) {
        if (!supported) {
            throw new IllegalArgumentException("SRTP crypto suite not supported: " + name());
        }
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, keyLength, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                HMAC_SHA1_KEY, tagLength, saltLength);
    }
}
