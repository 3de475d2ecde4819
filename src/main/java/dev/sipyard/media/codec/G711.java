package dev.sipyard.media.codec;

/**
 * ITU-T G.711 companding: mu-law and A-law, between 16-bit linear PCM and one byte per sample. Both laws are
 * piecewise-linear approximations of a logarithm: a sign bit, a 3-bit segment (exponent) and a 4-bit step within
 * the segment. Decoding gives the middle of the step the encoder chose.
 */
public final class G711 {
    /** mu-law adds this to the magnitude so that every segment starts at a power of two. */
    private static final int ULAW_BIAS = 0x84;
    /** The largest magnitude mu-law can represent once biased (8159 in G.711's 14-bit units, scaled by 4). */
    private static final int ULAW_CLIP = 32635;
    /** A-law transmits every even bit inverted; 0xD5 also sets the sign bit, which A-law uses for positive. */
    private static final int ALAW_POSITIVE_MASK = 0xD5;
    private static final int ALAW_NEGATIVE_MASK = 0x55;

    private G711() {}

    /** Compresses a 16-bit linear sample to mu-law. */
    public static byte ulaw(short pcm) {
        int sample = pcm;
        int sign = 0;
        if (sample < 0) {
            sign = 0x80;
            sample = -sample;
        }
        sample = Math.min(sample, ULAW_CLIP) + ULAW_BIAS;
        int exponent = highestBit(sample) - 7;
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Expands a mu-law byte to 16-bit linear. */
    public static short fromUlaw(byte ulaw) {
        int u = ~ulaw & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    /** Compresses a 16-bit linear sample to A-law (with the even bits inverted, as sent on the wire). */
    public static byte alaw(short pcm) {
        int mask;
        int magnitude;
        if (pcm >= 0) {
            mask = ALAW_POSITIVE_MASK;
            magnitude = pcm;
        } else {
            // one's complement keeps the two halves symmetric: -1 sits in the same step as 0
            mask = ALAW_NEGATIVE_MASK;
            magnitude = -pcm - 1;
        }
        int code;
        if (magnitude < 256) {
            code = magnitude >> 4;
        } else {
            int segment = highestBit(magnitude) - 7;
            code = (segment << 4) | ((magnitude >> (segment + 3)) & 0x0F);
        }
        return (byte) (code ^ mask);
    }

    /** Expands an A-law byte (as sent on the wire) to 16-bit linear. */
    public static short fromAlaw(byte alaw) {
        int a = (alaw ^ ALAW_NEGATIVE_MASK) & 0xFF;
        int segment = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int magnitude = segment == 0
                ? (mantissa << 4) + 8
                : ((mantissa << 4) + 0x108) << (segment - 1);
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static int highestBit(int positive) {
        return 31 - Integer.numberOfLeadingZeros(positive);
    }
}
