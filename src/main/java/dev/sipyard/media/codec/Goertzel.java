package dev.sipyard.media.codec;

/** Single-frequency power measurement (the Goertzel algorithm) and related signal measures. */
public final class Goertzel {
    private Goertzel() {}

    /** The power of {@code hz} in {@code s[off..off+len)}, normalised so a full-scale sine gives about 0.25. */
    public static double power(short[] s, int off, int len, int rate, double hz) {
        return 0;
    }

    /** The frequency with the most power between {@code fromHz} and {@code toHz} (for tests and diagnostics). */
    public static double dominantFrequency(short[] s, int rate, double fromHz, double toHz) {
        return 0;
    }

    /** The root mean square of {@code s[off..off+len)} in sample units (0 when {@code len} is 0). */
    public static double rms(short[] s, int off, int len) {
        return 0;
    }
}
