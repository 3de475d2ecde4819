package dev.sipyard.media.codec;

/** Generated signalling and test tones as 16-bit mono PCM. */
public final class Tones {
    /** ITU-T Q.23: the low-group (row) frequencies. */
    private static final double[] ROWS = {697, 770, 852, 941};
    /** ITU-T Q.23: the high-group (column) frequencies. */
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final String KEYPAD = "123A456B789C*0#D";
    /** Each of the two DTMF components, as a fraction of full scale (together at most half of full scale). */
    private static final double DTMF_AMPLITUDE = 0.25;

    private Tones() {}

    /**
     * A sine of {@code hz} lasting {@code millis}, starting at phase zero.
     *
     * @param amplitude the peak as a fraction of full scale, 0..1
     */
    public static short[] sine(int rate, double hz, int millis, double amplitude) {
        short[] out = new short[length(rate, millis)];
        double peak = Math.clamp(amplitude, 0.0, 1.0) * Short.MAX_VALUE;
        double step = 2 * Math.PI * hz / rate;
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(peak * Math.sin(step * i));
        }
        return out;
    }

    /**
     * The ITU-T Q.23 frequency pair for {@code digit}: 0-9, *, # and A-D (case-insensitive), each component at a
     * quarter of full scale.
     *
     * @throws IllegalArgumentException when {@code digit} is not a DTMF key
     */
    public static short[] dtmf(int rate, char digit, int millis) {
        int key = KEYPAD.indexOf(Character.toUpperCase(digit));
        if (key < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        short[] low = sine(rate, ROWS[key / 4], millis, DTMF_AMPLITUDE);
        short[] high = sine(rate, COLUMNS[key % 4], millis, DTMF_AMPLITUDE);
        for (int i = 0; i < low.length; i++) {
            low[i] = (short) (low[i] + high[i]);
        }
        return low;
    }

    /** The beep played before recording: 1 kHz for 250 ms at half of full scale. */
    public static short[] beep(int rate) {
        return sine(rate, 1000, 250, 0.5);
    }

    private static int length(int rate, int millis) {
        if (rate <= 0 || millis < 0) {
            throw new IllegalArgumentException("rate must be positive and duration not negative");
        }
        return Math.toIntExact((long) rate * millis / 1000);
    }
}
