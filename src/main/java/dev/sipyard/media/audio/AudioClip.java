package dev.sipyard.media.audio;

/**
 * Mono 16-bit signed linear PCM at {@code sampleRate} samples per second. The array is shared,
 * not copied: callers treat it as read-only (clips are cached and played by many calls).
 */
public record AudioClip(int sampleRate, short[] samples) {
    public AudioClip {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
    }

    public long durationMillis() {
        return samples.length * 1000L / sampleRate;
    }

    public static AudioClip silence(int rate, int millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative duration: " + millis);
        }
        return new AudioClip(rate, new short[(int) ((long) rate * millis / 1000)]);
    }

    @Override
    public String toString() {
        return "AudioClip[" + sampleRate + " Hz, " + samples.length + " samples]";
    }
}
