package dev.sipyard.media.audio;

/** G.711 expansion for WAV files stored as mu-law or A-law (ITU-T G.711 segment tables, computed). */
final class Companding {
    private static final int ULAW_BIAS = 0x84;

    private Companding() {
    }

    static int fromUlaw(byte b) {
        int u = ~b & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    static int fromAlaw(byte b) {
        int a = (b ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        // In A-law a set sign bit means positive.
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
