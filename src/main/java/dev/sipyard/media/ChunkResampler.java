package dev.sipyard.media;

import dev.sipyard.media.codec.Resampler;

/**
 * Converts a stream of PCM chunks (one per packet) between two rates without clicks at the chunk
 * borders: each chunk is converted together with its neighbours, so the filter never sees the
 * artificial silence beyond a chunk's ends. The price is one chunk of delay (20 ms). For the
 * rates the codecs use (8 and 48 kHz) the chunk lengths convert to whole sample counts.
 * Used by one thread only.
 */
final class ChunkResampler {
    private final int fromRate;
    private final int toRate;
    private short[] previous = new short[0];
    private short[] current = new short[0];

    ChunkResampler(int fromRate, int toRate) {
        this.fromRate = fromRate;
        this.toRate = toRate;
    }

    boolean converts(int from, int to) {
        return fromRate == from && toRate == to;
    }

    /** Takes the next chunk and returns the converted previous one (empty the first time). */
    short[] push(short[] chunk) {
        short[] window = new short[previous.length + current.length + chunk.length];
        System.arraycopy(previous, 0, window, 0, previous.length);
        System.arraycopy(current, 0, window, previous.length, current.length);
        System.arraycopy(chunk, 0, window, previous.length + current.length, chunk.length);
        short[] converted = Resampler.resample(window, fromRate, toRate);
        int start = (int) ((long) previous.length * toRate / fromRate);
        int length = (int) Math.min((long) current.length * toRate / fromRate, converted.length - start);
        short[] out = new short[Math.max(0, length)];
        System.arraycopy(converted, start, out, 0, out.length);
        previous = current;
        current = chunk;
        return out;
    }
}
