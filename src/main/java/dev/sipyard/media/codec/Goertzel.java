package dev.sipyard.media.codec;

/** Single-frequency power measurement (the Goertzel algorithm) and related signal measures. */
public final class Goertzel {
    /** dominantFrequency looks at no more than this many samples (the middle of longer signals). */
    private static final int MAX_ANALYSED = 8192;

    private Goertzel() {}

    /**
     * The mean power of the component at {@code hz} in {@code s[off..off+len)}, relative to full scale: a sine of
     * peak amplitude A (as a fraction of full scale) at exactly {@code hz} gives about A²/2, like its mean square.
     * Frequencies near {@code hz} leak in as they do for a rectangular window of {@code len} samples.
     */
    public static double power(short[] s, int off, int len, int rate, double hz) {
        java.util.Objects.checkFromIndexSize(off, len, s.length);
        if (len == 0) {
            return 0;
        }
        return magnitudeSquared(s, off, len, rate, hz, null) * 2 / ((double) len * len);
    }

    /**
     * The frequency between {@code fromHz} and {@code toHz} where the spectrum of {@code s} peaks (within a
     * fraction of a hertz for a clean tone), computed on a Hann-windowed stretch of at most 8192 samples from the
     * middle. For tests and diagnostics; 0 for an empty signal.
     */
    public static double dominantFrequency(short[] s, int rate, double fromHz, double toHz) {
        if (s.length == 0 || toHz < fromHz) {
            return 0;
        }
        int len = Math.min(s.length, MAX_ANALYSED);
        int off = (s.length - len) / 2;
        double[] window = hann(len);
        double bin = (double) rate / len;
        double best = fromHz;
        double bestPower = -1;
        for (double f = fromHz; f <= toHz; f += bin / 2) {
            double p = magnitudeSquared(s, off, len, rate, f, window);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        // golden-section search for the top of the main lobe around the best half-bin
        double lo = Math.max(fromHz, best - bin / 2);
        double hi = Math.min(toHz, best + bin / 2);
        double ratio = (Math.sqrt(5) - 1) / 2;
        while (hi - lo > 0.01) {
            double a = hi - ratio * (hi - lo);
            double b = lo + ratio * (hi - lo);
            if (magnitudeSquared(s, off, len, rate, a, window) >= magnitudeSquared(s, off, len, rate, b, window)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return (lo + hi) / 2;
    }

    /** The root mean square of {@code s[off..off+len)} in sample units (0 when {@code len} is 0). */
    public static double rms(short[] s, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, s.length);
        if (len == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / len);
    }

    /** |X(hz)|² of the (optionally windowed) samples scaled to ±1; exact for any frequency, not only bin centres. */
    private static double magnitudeSquared(short[] s, int off, int len, int rate, double hz, double[] window) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < len; i++) {
            double x = s[off + i] / 32768.0;
            if (window != null) {
                x *= window[i];
            }
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    private static double[] hann(int len) {
        double[] w = new double[len];
        for (int i = 0; i < len; i++) {
            w[i] = len == 1 ? 1 : 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (len - 1));
        }
        return w;
    }
}
