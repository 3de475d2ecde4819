package dev.sipyard.media.sdp;

import java.util.Locale;

/** The audio codecs the media engine serves, as SDP names them. */
enum AudioFormat {
    PCMU("PCMU", 8000, 1, 0),
    PCMA("PCMA", 8000, 1, 8),
    OPUS("opus", 48000, 2, -1);

    /** The payload type we use when we offer Opus. */
    static final int OPUS_OFFER_PT = 96;

    final String encoding;
    final int clockRate;
    final int channels;
    final int staticPt;

    AudioFormat(String encoding, int clockRate, int channels, int staticPt) {
        this.encoding = encoding;
        this.clockRate = clockRate;
        this.channels = channels;
        this.staticPt = staticPt;
    }

    /** The format for an endpoint codec name ({@code OPUS@48000H@20I} means OPUS); null when we do not serve it. */
    static AudioFormat named(String codec) {
        if (codec == null) {
            return null;
        }
        String upper = codec.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("OPUS@")) {
            return OPUS;
        }
        for (AudioFormat f : values()) {
            if (f.name().equals(upper)) {
                return f;
            }
        }
        return null;
    }

    /** Whether an {@code a=rtpmap} names this format (Opus may say 1 or 2 channels; RFC 7587 says 2). */
    boolean matches(RtpMap map) {
        return map.encoding().equalsIgnoreCase(encoding) && map.clockRate() == clockRate
                && (map.channels() == channels || this == OPUS && map.channels() == 1);
    }

    /** The value of our own {@code a=rtpmap}, e.g. {@code opus/48000/2}. */
    String rtpmapValue() {
        return channels == 1 ? encoding + "/" + clockRate : encoding + "/" + clockRate + "/" + channels;
    }
}
