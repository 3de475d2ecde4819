package dev.sipyard.media.sdp;

import dev.sipyard.common.Encryption;
import dev.sipyard.common.Media;
import dev.sipyard.media.srtp.SdesCrypto;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * What an endpoint (or gateway) allows on its calls' media.
 *
 * @param codecs the endpoint's codecs in its order of preference, canonical upper case names
 *     ({@code OPUS@48000H@20I} and friends become {@code OPUS}); may name codecs we do not serve (G722...)
 * @param encryption {@code required}, {@code optional} or {@code default} (which is treated as optional)
 * @param ciphers the SRTP suites allowed, in order of preference, only those {@link SdesCrypto#supported}
 */
public record MediaPolicy(List<String> codecs, String encryption, List<String> ciphers) {
    public static final List<String> DEFAULT_CODECS = List.of("OPUS", "PCMU", "PCMA");

    public MediaPolicy {
        codecs = List.copyOf(codecs);
        ciphers = List.copyOf(ciphers);
    }

    /**
     * The policy for an endpoint's settings: no codecs means {@link #DEFAULT_CODECS}, no ciphers means every
     * supported suite, no encryption mode means {@code default}.
     */
    public static MediaPolicy of(List<String> codecs, String encryption, List<String> ciphers) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String codec : codecs == null || codecs.isEmpty() ? DEFAULT_CODECS : codecs) {
            if (codec != null && !codec.isBlank()) {
                names.add(canonicalCodec(codec));
            }
        }
        List<String> suites = new ArrayList<>();
        for (String suite : ciphers == null || ciphers.isEmpty() ? Media.CIPHERS : ciphers) {
            if (suite != null && SdesCrypto.supported(suite.trim().toUpperCase(Locale.ROOT))
                    && !suites.contains(suite.trim().toUpperCase(Locale.ROOT))) {
                suites.add(suite.trim().toUpperCase(Locale.ROOT));
            }
        }
        String mode = encryption == null || encryption.isBlank() ? Encryption.DEFAULT
                : encryption.trim().toLowerCase(Locale.ROOT);
        return new MediaPolicy(List.copyOf(names), mode, suites);
    }

    /** Whether plain RTP must be refused. */
    public boolean encryptionRequired() {
        return Encryption.REQUIRED.equals(encryption);
    }

    /** The codecs of {@link #codecs} the media engine can serve (PCMU, PCMA, OPUS), in the same order. */
    public List<String> servedCodecs() {
        return codecs.stream().filter(c -> AudioFormat.named(c) != null).toList();
    }

    private static String canonicalCodec(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return upper.startsWith("OPUS@") ? "OPUS" : upper;
    }
}
