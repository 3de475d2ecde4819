package dev.sipyard.media.codec;

/** ITU-T G.711 companding: mu-law and A-law, between 16-bit linear PCM and one byte per sample. */
public final class G711 {
    private G711() {}

    /** Compresses a 16-bit linear sample to mu-law. */
    public static byte ulaw(short pcm) {
        return 0;
    }

    /** Expands a mu-law byte to 16-bit linear. */
    public static short fromUlaw(byte ulaw) {
        return 0;
    }

    /** Compresses a 16-bit linear sample to A-law (with the even bits inverted, as sent on the wire). */
    public static byte alaw(short pcm) {
        return 0;
    }

    /** Expands an A-law byte (as sent on the wire) to 16-bit linear. */
    public static short fromAlaw(byte alaw) {
        return 0;
    }
}
