package dev.sipyard.media.codec;

/** Generated test and signalling tones as 16-bit mono PCM. */
public final class Tones {
    private Tones() {}

    /** A sine of {@code hz} lasting {@code millis}; {@code amplitude} is the peak as a fraction of full scale (0..1). */
    public static short[] sine(int rate, double hz, int millis, double amplitude) {
        return new short[rate * millis / 1000];
    }

    /** The ITU-T Q.23 DTMF pair for {@code digit} (0-9, *, #, A-D, case-insensitive). */
    public static short[] dtmf(int rate, char digit, int millis) {
        return new short[rate * millis / 1000];
    }

    /** The record beep: a 1 kHz tone of 250 ms at half of full scale. */
    public static short[] beep(int rate) {
        return sine(rate, 1000, 250, 0.5);
    }
}
