package dev.sipyard.media.audio;

import java.util.Locale;

/** Bytes that are not audio we can decode; the message is one user-facing line. */
public class UnsupportedAudio extends Exception {
    public UnsupportedAudio(String message) {
        super(message, null, false, false);
    }

    /** The refusal of audio longer than {@code maxSamples} samples at {@code rate}, in seconds. */
    static UnsupportedAudio tooLong(long maxSamples, int rate) {
        double seconds = (double) maxSamples / rate;
        String shown = seconds >= 10 ? String.valueOf((long) seconds) : String.format(Locale.ROOT, "%.1f", seconds);
        return new UnsupportedAudio("audio longer than " + shown + " s");
    }
}
