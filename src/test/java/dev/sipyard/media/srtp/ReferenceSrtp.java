package dev.sipyard.media.srtp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, deliberately plain rendering of RFC 3711 (AES-CM, the key derivation of section 4.3 with a key
 * derivation rate of zero, HMAC-SHA1) over javax.crypto, used only to check what jitsi-srtp produces.
 */
final class ReferenceSrtp {
    static final int RTP_ENCRYPTION = 0;
    static final int RTP_AUTH = 1;
    static final int RTP_SALT = 2;
    static final int RTCP_ENCRYPTION = 3;
    static final int RTCP_AUTH = 4;
    static final int RTCP_SALT = 5;

    private ReferenceSrtp() {}

    /** AES in counter mode from a 16-byte initial counter block: the keystream for {@code length} bytes. */
    static byte[] keystream(byte[] key, byte[] counter, int length) {
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
            return aes.doFinal(new byte[length]);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The AES-CM counter block: (salt · 2^16) XOR (SSRC · 2^64) XOR (index · 2^16) (RFC 3711 section 4.1.1). */
    static byte[] counter(byte[] sessionSalt, long ssrc, long index) {
        byte[] iv = Arrays.copyOf(sessionSalt, 16);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >> (40 - 8 * i));
        }
        return iv;
    }

    /** A session key, salt or authentication key (RFC 3711 section 4.3.1 and 4.3.3, key derivation rate 0). */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] x = Arrays.copyOf(masterSalt, 16); // the label sits 7 bytes from the end of the 14-byte salt
        x[7] ^= (byte) label;
        x[14] = 0;
        x[15] = 0;
        return keystream(masterKey, x, length);
    }

    /** The SRTP packet for an RTP packet with a plain 12-byte header, at rollover counter {@code roc}. */
    static byte[] protectRtp(byte[] masterKey, byte[] masterSalt, byte[] rtp, long roc, int tagLength) {
        byte[] key = derive(masterKey, masterSalt, RTP_ENCRYPTION, masterKey.length);
        byte[] salt = derive(masterKey, masterSalt, RTP_SALT, 14);
        byte[] authKey = derive(masterKey, masterSalt, RTP_AUTH, 20);
        ByteBuffer header = ByteBuffer.wrap(rtp);
        int sequence = header.getShort(2) & 0xFFFF;
        long ssrc = header.getInt(8) & 0xFFFF_FFFFL;
        byte[] out = Arrays.copyOf(rtp, rtp.length + tagLength);
        byte[] stream = keystream(key, counter(salt, ssrc, roc << 16 | sequence), rtp.length - 12);
        for (int i = 12; i < rtp.length; i++) {
            out[i] ^= stream[i - 12];
        }
        byte[] authenticated = ByteBuffer.allocate(rtp.length + 4).put(out, 0, rtp.length).putInt((int) roc).array();
        System.arraycopy(hmac(authKey, authenticated), 0, out, rtp.length, tagLength);
        return out;
    }

    /** The SRTCP packet for an RTCP packet, encrypted, with SRTCP index {@code index}. */
    static byte[] protectRtcp(byte[] masterKey, byte[] masterSalt, byte[] rtcp, int index, int tagLength) {
        byte[] key = derive(masterKey, masterSalt, RTCP_ENCRYPTION, masterKey.length);
        byte[] salt = derive(masterKey, masterSalt, RTCP_SALT, 14);
        byte[] authKey = derive(masterKey, masterSalt, RTCP_AUTH, 20);
        long ssrc = ByteBuffer.wrap(rtcp).getInt(4) & 0xFFFF_FFFFL;
        byte[] out = Arrays.copyOf(rtcp, rtcp.length + 4 + tagLength);
        byte[] stream = keystream(key, counter(salt, ssrc, index), rtcp.length - 8);
        for (int i = 8; i < rtcp.length; i++) {
            out[i] ^= stream[i - 8];
        }
        ByteBuffer.wrap(out).putInt(rtcp.length, 0x8000_0000 | index); // E flag: encrypted
        byte[] tag = hmac(authKey, Arrays.copyOf(out, rtcp.length + 4));
        System.arraycopy(tag, 0, out, rtcp.length + 4, tagLength);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
