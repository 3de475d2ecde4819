package dev.sipyard.sip.digest;

import dev.sipyard.common.HmacSha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Self-validating nonces: issue time and 8 random bytes, signed with a server key (HMAC-SHA256,
 * bound to the realm). Any node holding the key can check a nonce without shared state.
 */
public final class Nonces {
    /** What a received nonce is. */
    public enum Check { VALID, STALE, FORGED }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private static final int RAW = 8 + 8 + 16;

    private final HmacSha256 mac;
    private final long ttlMillis;
    private final Clock clock;
    private final String opaque;

    public Nonces(byte[] key, long ttlMillis, Clock clock) {
        this.mac = new HmacSha256(key);
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.opaque = HexFormat.of().formatHex(mac.sign("opaque".getBytes(StandardCharsets.US_ASCII), 12));
    }

    public String issue(String realm) {
        ByteBuffer b = ByteBuffer.allocate(RAW);
        b.putLong(clock.millis());
        byte[] rnd = new byte[8];
        RANDOM.nextBytes(rnd);
        b.put(rnd);
        b.put(sign(b.array(), realm));
        return ENC.encodeToString(b.array());
    }

    public Check check(String nonce, String realm) {
        if (nonce == null || nonce.length() != 43) {
            return Check.FORGED;
        }
        byte[] raw;
        try {
            raw = DEC.decode(nonce);
        } catch (IllegalArgumentException e) {
            return Check.FORGED;
        }
        if (raw.length != RAW || !MessageDigest.isEqual(Arrays.copyOfRange(raw, 16, RAW), sign(raw, realm))) {
            return Check.FORGED;
        }
        long issued = ByteBuffer.wrap(raw).getLong();
        long age = clock.millis() - issued;
        return age < -5_000 || age > ttlMillis ? Check.STALE : Check.VALID;
    }

    /** Issue time of a nonce that passed {@link #check}. */
    public static long issuedAt(String nonce) {
        return ByteBuffer.wrap(DEC.decode(nonce)).getLong();
    }

    /** The opaque value this server sends and expects back. */
    public String opaque() {
        return opaque;
    }

    public long ttlMillis() {
        return ttlMillis;
    }

    private byte[] sign(byte[] raw, String realm) {
        byte[] realmBytes = realm.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[16 + realmBytes.length];
        System.arraycopy(raw, 0, input, 0, 16);
        System.arraycopy(realmBytes, 0, input, 16, realmBytes.length);
        return mac.sign(input, 16);
    }
}
