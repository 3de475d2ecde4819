package dev.sipyard.media;

/**
 * One clip as RTP payloads of one codec, one per 20 ms frame, shared by every stream that plays
 * it. A worker fills the frames in order while streams may already play the first ones; the
 * clock reads them. The number of frames is known from the start; it only shrinks when encoding
 * failed (the clip then ends where the encoding stopped).
 */
final class EncodedClip {
    private final byte[][] frames;
    private volatile int ready;
    private volatile int length;
    private volatile boolean failed;

    EncodedClip(int frames) {
        this.frames = new byte[frames][];
        this.length = frames;
    }

    /** How many frames the clip has. */
    int length() {
        return length;
    }

    /** How many frames are encoded so far. */
    int ready() {
        return ready;
    }

    boolean complete() {
        return ready >= length;
    }

    /** Frame {@code index}, or null while it is not encoded yet. */
    byte[] frame(int index) {
        return index < ready ? frames[index] : null;
    }

    /** Adds the next frame (the encoding worker only). */
    void publish(byte[] payload) {
        int next = ready;
        frames[next] = payload;
        ready = next + 1; // the volatile write publishes the array element to readers of `ready`
    }

    /** Ends the clip after the frames encoded so far. */
    void fail() {
        failed = true;
        length = ready;
    }

    boolean failed() {
        return failed;
    }
}
