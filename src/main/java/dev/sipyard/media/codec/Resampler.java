package dev.sipyard.media.codec;

/**
 * Sample-rate conversion of mono 16-bit PCM by band-limited interpolation: every output sample is the input
 * convolved with a Blackman-windowed sinc low-pass whose cutoff sits a little below the lower of the two Nyquist
 * frequencies, so downsampling does not alias and upsampling does not image. The filter is tabulated per phase.
 */
public final class Resampler {
    /** Zero crossings of the sinc on each side of the centre: longer gives a sharper transition band. */
    private static final int ZERO_CROSSINGS = 16;
    /** The cutoff as a fraction of the lower Nyquist frequency, leaving room for the transition band. */
    private static final double CUTOFF = 0.9;
    /** Above this many distinct phases the output positions are rounded to this many (odd rate pairs). */
    private static final int MAX_PHASES = 4096;

    private Resampler() {}

    /** {@code in} at {@code fromRate} converted to {@code toRate}; the same array when the rates are equal. */
    public static short[] resample(short[] in, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive");
        }
        if (fromRate == toRate) {
            return in;
        }
        int outLength = outputLength(in.length, fromRate, toRate);
        short[] out = new short[outLength];
        int gcd = gcd(fromRate, toRate);
        int phases = Math.min(toRate / gcd, MAX_PHASES);
        double cutoff = 0.5 * CUTOFF * Math.min(1.0, (double) toRate / fromRate); // cycles per input sample
        int half = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        double[][] taps = taps(phases, half, cutoff);
        for (int n = 0; n < outLength; n++) {
            long position = (long) n * fromRate; // in units of 1/toRate input samples
            int base = (int) (position / toRate);
            int phase = (int) Math.round((double) (position % toRate) * phases / toRate);
            if (phase == phases) {
                phase = 0;
                base++;
            }
            double[] h = taps[phase];
            double sum = 0;
            int first = base - half + 1;
            int from = Math.max(0, first);
            int to = Math.min(in.length - 1, base + half);
            for (int k = from; k <= to; k++) {
                sum += in[k] * h[k - first];
            }
            out[n] = (short) Math.clamp(Math.round(sum), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return out;
    }

    /** How many samples {@link #resample} gives for {@code inLength} samples. */
    public static int outputLength(int inLength, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive");
        }
        return fromRate == toRate ? inLength : Math.toIntExact((long) inLength * toRate / fromRate);
    }

    /** Per phase p, the 2·half taps applied to input samples base-half+1..base+half, each row with unit DC gain. */
    private static double[][] taps(int phases, int half, double cutoff) {
        double[][] taps = new double[phases][2 * half];
        for (int p = 0; p < phases; p++) {
            double fraction = (double) p / phases;
            double sum = 0;
            for (int j = 0; j < 2 * half; j++) {
                double distance = (j - half + 1) - fraction; // input sample time minus output time
                double value = sinc(2 * cutoff * distance) * blackman(distance / half);
                taps[p][j] = value;
                sum += value;
            }
            for (int j = 0; j < 2 * half; j++) {
                taps[p][j] /= sum;
            }
        }
        return taps;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The Blackman window over -1..1 (zero outside). */
    private static double blackman(double x) {
        if (Math.abs(x) >= 1) {
            return 0;
        }
        double t = Math.PI * (x + 1); // 0..2π across the window
        return 0.42 - 0.5 * Math.cos(t) + 0.08 * Math.cos(2 * t);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
