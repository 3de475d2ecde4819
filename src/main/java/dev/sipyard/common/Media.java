package dev.sipyard.common;

import java.util.List;
import java.util.Map;

/** The codecs, SRTP ciphers and encryption modes that endpoints, gateways and profiles may name. */
public final class Media {
    public static final List<String> CODECS = List.of("PCMU", "PCMA", "G722", "G729", "OPUS", "OPUS@48000H@20I",
            "OPUS@24000H@20I", "OPUS@16000H@20I", "OPUS@8000H@20I", "VP8", "H264");
    public static final List<String> CIPHERS = List.of("AEAD_AES_256_GCM_8", "AES_256_CM_HMAC_SHA1_80",
            "AES_CM_128_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32", "AES_CM_128_HMAC_SHA1_32");
    public static final Map<String, String> CODEC_NAMES = Enums.canonical(CODECS);
    public static final Map<String, String> CIPHER_NAMES = Enums.canonical(CIPHERS);

    public static final List<String> DEFAULT_CODECS = List.of("OPUS", "G722", "PCMU", "PCMA");
    public static final List<String> DEFAULT_CIPHERS = CIPHERS;

    private Media() {}

    public static String join(List<String> values) {
        return values == null ? null : String.join(",", values);
    }

    public static List<String> split(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }
}
