package dev.sipyard.media;

import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One payload of silence per codec, encoded once per JVM and sent by every stream while nothing
 * else plays (the packets keep NAT bindings open, so they are sent rather than suppressed, and
 * Opus needs no DTX for it). For Opus it is the packet a settled encoder makes from zeros, which
 * decodes to silence however often it is repeated.
 */
final class SilenceFrames {
    /** Frames of zeros given to a fresh encoder before its packet is kept: past its start-up. */
    private static final int SETTLING_FRAMES = 5;
    private static final Map<String, byte[]> payloads = new ConcurrentHashMap<>();

    private SilenceFrames() {}

    /** The silence payload of {@code codec} (a name {@link Codecs#create} takes); never modify it. */
    static byte[] of(String codec) {
        return payloads.computeIfAbsent(codec.toUpperCase(java.util.Locale.ROOT), SilenceFrames::encode);
    }

    private static byte[] encode(String codec) {
        AudioCodec encoder = Codecs.create(codec);
        short[] zeros = new short[encoder.frameSamples()];
        byte[] payload = encoder.encode(zeros);
        for (int i = 1; i < SETTLING_FRAMES; i++) {
            payload = encoder.encode(zeros);
        }
        return payload;
    }
}
