package dev.sipyard.common;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, for the values this server signs and later checks itself (digest
 * nonces, page tokens, relay passes). One initialised {@link Mac} per thread: getting and
 * initialising one costs more than the MAC itself.
 */
public final class HmacSha256 {
    private final ThreadLocal<Mac> macs;

    public HmacSha256(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
            }
        });
    }

    /** The first {@code bytes} bytes of the MAC of {@code input}. */
    public byte[] sign(byte[] input, int bytes) {
        return Arrays.copyOf(macs.get().doFinal(input), bytes); // doFinal leaves the Mac ready for the next input
    }
}
