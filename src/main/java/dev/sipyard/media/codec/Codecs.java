package dev.sipyard.media.codec;

import java.util.Locale;

/** The registry of the audio codecs the media engine can encode and decode. */
public final class Codecs {
    private Codecs() {}

    /**
     * A new codec instance for {@code PCMU}, {@code PCMA} or {@code OPUS} (case-insensitive; {@code OPUS@48000H@20I}
     * style names mean OPUS).
     *
     * @throws IllegalArgumentException when the codec is not supported
     */
    public static AudioCodec create(String name) {
        return switch (canonical(name)) {
            case "PCMU" -> new G711Codec(true);
            case "PCMA" -> new G711Codec(false);
            case "OPUS" -> new OpusCodec();
            default -> throw new IllegalArgumentException("unsupported codec: " + name);
        };
    }

    /** Whether {@link #create} accepts the name. */
    public static boolean supported(String name) {
        return !canonical(name).isEmpty();
    }

    /** The static RTP payload type (RFC 3551): 0 for PCMU, 8 for PCMA, -1 for anything else. */
    public static int staticPayloadType(String name) {
        return switch (canonical(name)) {
            case "PCMU" -> 0;
            case "PCMA" -> 8;
            default -> -1;
        };
    }

    /** PCMU, PCMA, OPUS, or the empty string when not supported. */
    static String canonical(String name) {
        if (name == null) {
            return "";
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("PCMU") || upper.equals("PCMA") || upper.equals("OPUS")) {
            return upper;
        }
        return upper.startsWith("OPUS@") ? "OPUS" : "";
    }
}
