package dev.sipyard.media.audio;

/** Test measurements of decoded audio: loudness and the strongest frequency. */
final class Spectrum {
    private Spectrum() {
    }

    static double rms(short[] s, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) s[i] * s[i];
        }
        return length == 0 ? 0 : Math.sqrt(sum / length);
    }

    /** The frequency between {@code fromHz} and {@code toHz}, in 5 Hz steps, with the most energy. */
    static double dominantFrequency(short[] s, int offset, int length, int rate, double fromHz, double toHz) {
        double best = fromHz;
        double bestPower = -1;
        for (double hz = fromHz; hz <= toHz; hz += 5) {
            double p = power(s, offset, length, rate, hz);
            if (p > bestPower) {
                bestPower = p;
                best = hz;
            }
        }
        return best;
    }

    private static double power(short[] s, int offset, int length, int rate, double hz) {
        double re = 0;
        double im = 0;
        double w = 2 * Math.PI * hz / rate;
        for (int i = 0; i < length; i++) {
            re += s[offset + i] * Math.cos(w * i);
            im += s[offset + i] * Math.sin(w * i);
        }
        return re * re + im * im;
    }
}
