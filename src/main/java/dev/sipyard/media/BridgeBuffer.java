package dev.sipyard.media;

/**
 * The small jitter buffer on a bridged path: PCM from the other stream's receive side (at this
 * stream's PCM rate) waits here until this stream's clock takes it one frame per tick. Playing
 * starts once {@link #PREFILL_FRAMES} frames are buffered (and again after it ran dry), and at
 * most {@link #MAX_FRAMES} frames are kept: on overflow the oldest samples go, so the delay
 * stays bounded when the other side's clock runs a little faster than ours.
 */
final class BridgeBuffer {
    static final int PREFILL_FRAMES = 2;
    static final int MAX_FRAMES = 6;

    private short[] ring = new short[0];
    private int frameSamples;
    private int head;
    private int size;
    private boolean primed;
    private long overflowSamples;

    synchronized void reset(int frameSamples) {
        this.frameSamples = frameSamples;
        if (ring.length != frameSamples * MAX_FRAMES) {
            ring = new short[frameSamples * MAX_FRAMES];
        }
        head = 0;
        size = 0;
        primed = false;
    }

    synchronized void write(short[] pcm, int offset, int length) {
        if (ring.length == 0) {
            return;
        }
        if (length > ring.length) {
            offset += length - ring.length;
            length = ring.length;
        }
        int excess = size + length - ring.length;
        if (excess > 0) {
            head = (head + excess) % ring.length;
            size -= excess;
            overflowSamples += excess;
        }
        int tail = (head + size) % ring.length;
        int first = Math.min(length, ring.length - tail);
        System.arraycopy(pcm, offset, ring, tail, first);
        System.arraycopy(pcm, offset + first, ring, 0, length - first);
        size += length;
    }

    /** Copies the next frame into {@code frame}; false (frame untouched) when none is ready. */
    synchronized boolean read(short[] frame) {
        if (frame.length != frameSamples || frameSamples == 0) {
            return false;
        }
        if (!primed) {
            if (size < frameSamples * PREFILL_FRAMES) {
                return false;
            }
            primed = true;
        }
        if (size < frameSamples) {
            primed = false;
            return false;
        }
        int first = Math.min(frameSamples, ring.length - head);
        System.arraycopy(ring, head, frame, 0, first);
        System.arraycopy(ring, 0, frame, first, frameSamples - first);
        head = (head + frameSamples) % ring.length;
        size -= frameSamples;
        return true;
    }

    synchronized long overflowSamples() {
        return overflowSamples;
    }
}
