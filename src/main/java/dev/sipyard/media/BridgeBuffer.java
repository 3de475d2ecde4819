package dev.sipyard.media;

import dev.sipyard.media.codec.AudioCodec;
import java.util.ArrayDeque;

/**
 * The small jitter buffer on a bridged path: payloads the {@link BridgeEncoder} made from the
 * other stream's audio wait here until this stream's clock sends them, one per tick. Sending
 * starts once {@link #PREFILL_FRAMES} frames are buffered (and again after it ran dry), and at
 * most {@link #MAX_FRAMES} are kept: on overflow the oldest go, so the delay stays bounded when
 * the other side's clock runs a little faster than ours. Only payloads of the stream's current
 * encoder are taken: one encoded before a codec change is dropped, never sent under the new
 * payload type.
 */
final class BridgeBuffer {
    static final int PREFILL_FRAMES = 2;
    static final int MAX_FRAMES = 6;

    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private AudioCodec codec;
    private boolean primed;
    private long overflowFrames;

    /** Empties the buffer; from now on it takes payloads of {@code encoder} only. */
    synchronized void reset(AudioCodec encoder) {
        codec = encoder;
        frames.clear();
        primed = false;
    }

    /** Adds the next payload, made by {@code encoder} (ignored when that is not the current one). */
    synchronized void write(AudioCodec encoder, byte[] payload) {
        if (encoder != codec) {
            return;
        }
        if (frames.size() >= MAX_FRAMES) {
            frames.poll();
            overflowFrames++;
        }
        frames.add(payload);
    }

    /** The next payload to send, or null when none is ready. */
    synchronized byte[] read() {
        if (!primed) {
            if (frames.size() < PREFILL_FRAMES) {
                return null;
            }
            primed = true;
        }
        byte[] next = frames.poll();
        if (next == null) {
            primed = false;
        }
        return next;
    }

    synchronized long overflowFrames() {
        return overflowFrames;
    }
}
